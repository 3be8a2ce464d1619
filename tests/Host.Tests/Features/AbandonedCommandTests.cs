using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Marten;
using Participation.Host.Security;
using Participation.Host.Tests.Support;

namespace Participation.Host.Tests.Features;

/// <summary>
/// A client that hangs up while its command commits (a phone losing its signal, a load balancer's timeout): the
/// transaction rolls back after Marten took its sequence numbers, and Marten fills the gap with tombstone events of
/// its own. Nothing of ours may trip over them: not the rebuild of any projection, the decision state included, nor
/// the audit log, the change feed or the webhooks.
/// </summary>
[Collection(FeatureCollection.Name)]
public sealed class AbandonedCommandTests(FeatureFixture features)
{
    private const string Key = "abandoned-contact-1";

    [Fact]
    public async Task A_command_abandoned_while_it_commits_leaves_a_tombstone_that_every_projection_rebuild_and_read_passes_by()
    {
        var caseworker = features.NewTenant(Roles.Caseworker, Roles.Manager, Roles.Auditor, Roles.Admin);
        var (caseId, parent) = await caseworker.CaseInPhase("strengthen");
        var before = await caseworker.CurrentVersion(caseId);
        var contact = new JsonObject
        {
            ["occurredAt"] = DateTimeOffset.UtcNow.AddHours(-1), ["kind"] = "phone", ["participantIds"] = new JsonArray(parent.ToString()),
            ["summary"] = "Gebeld over het toernooi",
        }.ToJsonString();

        await using (await SlowCommits.Of(features.Schema, caseId))
            await AbandonWhileCommitting(caseworker, $"/api/cases/{caseId}/contacts", contact);
        var tombstones = await TombstonesOf(caseworker.Tenant);
        Assert.True(tombstones > 0, "the abandoned command's rollback should have left a tombstone");

        // The retry with the same key tells the caller what became of it: here, nothing, so the command is applied now, once.
        (await caseworker.PostRaw($"/api/cases/{caseId}/contacts", contact, ("Idempotency-Key", Key))).ShouldBe(200);
        var history = (await caseworker.Get($"/api/cases/{caseId}/history")).ShouldBe(200).Json.AsArray();
        Assert.Equal(before + 1, (long)history[^1]!["version"]!);
        Assert.Single(history, e => (string?)e!["type"] == "contact_moment_recorded" && ((string?)e["data"]!["summary"])!.Contains("toernooi"));
        await features.CatchUp();

        // The store's own events are nobody's history: the audit log, its export and the change feed show case events only.
        var audit = (await caseworker.Get("/api/audit?pageSize=1000")).ShouldBe(200).Json["items"]!.AsArray();
        Assert.Equal(history.Count, audit.Count(e => (Guid)e!["caseId"]! == caseId));
        Assert.DoesNotContain(audit, e => (string?)e!["type"] == "tombstone");
        Assert.DoesNotContain("tombstone", (await caseworker.Get("/api/audit/export")).ShouldBe(200).Body);
        var feed = JsonNode.Parse((await caseworker.Get("/api/events?limit=1000")).ShouldBe(200).Body)!.AsArray();
        Assert.Equal(audit.Count, feed.Count);
        Assert.Equal(history.Count, feed.Count(e => (string?)e!["subject"] == caseId.ToString()));
        Assert.True((bool)(await caseworker.Get($"/api/cases/{caseId}/verify")).ShouldBe(200).Json["intact"]!);

        // The operator's rebuild of every projection reads past the tombstones and comes back to the live read models.
        var store = features.Host.Services.GetRequiredService<IDocumentStore>();
        Guid[] ids = [caseId];
        var live = await ReadModelSnapshot.Take(store, caseworker.Tenant, ids);
        await ReadModelSnapshot.Lose(store, caseworker.Tenant, ids);

        var (exitCode, output) = await DaemonPause.WhileAsync(features.Host, () => HostCommandLine.Run(features.Schema, "projections", "rebuild"));

        Assert.True(exitCode == 0 && !output.Contains("Errors detected"), output);
        Assert.Equal(live, await ReadModelSnapshot.Take(store, caseworker.Tenant, ids));
        Assert.Equal(tombstones, await TombstonesOf(caseworker.Tenant));
    }

    /// <summary>Sends the command and hangs up once its transaction is committing (held there by <see cref="SlowCommits"/>).</summary>
    private async Task AbandonWhileCommitting(Caller caller, string url, string body)
    {
        using var client = features.Host.Server.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", caller.Token);
        request.Headers.Add("Idempotency-Key", Key);
        using var hangUp = new CancellationTokenSource();
        var sending = client.SendAsync(request, hangUp.Token);
        await SlowCommits.WaitUntilOneIsHeld();
        await hangUp.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sending);
    }

    /// <summary>Marten writes tombstones in the background after the rollback: waits for them, then counts them.</summary>
    private async Task<long> TombstonesOf(string tenant)
    {
        var sql = $"select count(*) from {features.Schema}.mt_events where type = 'tombstone' and tenant_id = '{tenant}'";
        for (var waited = 0; waited < 300 && (long)(await Sql.ScalarAsync(sql))! == 0; waited++) await Task.Delay(100);
        return (long)(await Sql.ScalarAsync(sql))!;
    }
}
