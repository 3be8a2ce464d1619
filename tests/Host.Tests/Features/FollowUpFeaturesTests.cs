using System.Text.Json.Nodes;
using Marten;
using Participation.Host.FollowUp.Timers;
using Participation.Host.Security;
using Participation.Host.Tests.FollowUp;
using Participation.Host.Tests.Support;

namespace Participation.Host.Tests.Features;

/// <summary>
/// Follow-up with every other feature, in one tenant: norms, a suspension and an overdue deadline recorded by the system,
/// then an erasure, time travel, history, verification, the audit log, the change feed, webhooks, the versioned routes,
/// another tenant, and a rebuild of every projection by the operator's command.
/// </summary>
[Collection(FeatureCollection.Name)]
public sealed class FollowUpFeaturesTests(FeatureFixture features)
{
    [Fact]
    public async Task Follow_up_meets_erasure_time_travel_history_verify_the_audit_log_the_feed_webhooks_tenancy_and_a_rebuild()
    {
        var staff = features.NewTenant(Roles.Caseworker, Roles.Manager, Roles.Auditor, Roles.Admin);
        var callback = features.Receiver.NewCallback(out var hook);
        (await staff.Post("/api/subscriptions", new { callbackUrl = callback, eventTypes = new[] { "follow_up_overdue", "case_suspended", "case_resumed" } }))
            .ShouldBe(201);
        (await staff.Send(HttpMethod.Put, "/api/v1/norms", new StringContent("""{"norms": [{"domain": "*", "phase": "*", "maxDaysWithoutContact": 14}]}""",
            System.Text.Encoding.UTF8, "application/json"))).ShouldBe(200);

        var caseId = await staff.OpenCase();
        var parent = await staff.AddParticipant(caseId, displayName: "Zeynep Kaya");
        (await staff.Post($"/api/v1/cases/{caseId}/suspend", new { reason = "Wacht op de school" })).ShouldBe(200);
        (await staff.Post($"/api/v1/cases/{caseId}/resume", new { note = "Verder" })).ShouldBe(200);
        var agreement = (Guid)(await staff.Post($"/api/cases/{caseId}/agreements",
            new { parties = new[] { parent }, gives = "Zeynep belt de school", dueOn = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-2) })).ShouldBe(200).Json["agreementId"]!;
        var beforeOverdue = await staff.CurrentVersion(caseId);
        // The host's own timers may record it first; either way it is recorded once per level.
        var timers = features.Host.Services.GetRequiredService<OverdueCheck>();
        await timers.CheckAsync(staff.Tenant, caseId, CancellationToken.None);
        Assert.Equal(0, await timers.CheckAsync(staff.Tenant, caseId, CancellationToken.None));
        Assert.Equal(2, (await staff.Overdue(caseId)).Count);

        // History names the system as the one who recorded it; the agreement's deadline survives the party's erasure.
        var overdue = await staff.Overdue(caseId);
        Assert.All(overdue, e => Assert.Equal("system", (string?)e["user"]));
        Assert.Equal(agreement, (Guid)overdue[0]["data"]!["ref"]!);
        (await staff.Post($"/api/cases/{caseId}/participants/{parent}/erase", new { })).ShouldBe(200);
        var state = (await staff.Get($"/api/v1/cases/{caseId}")).ShouldBe(200).Json;
        Assert.Equal("late-3x", (string?)state["followUp"]!.AsArray().Single(d => (string?)d!["kind"] == "agreement")!["status"]);
        Assert.DoesNotContain("Zeynep", state.ToJsonString());

        // Time travel: the state before the system's record shows the same deadline, already late then.
        var then = (await staff.Get($"/api/cases/{caseId}/state?version={beforeOverdue}")).ShouldBe(200).Json;
        static string? AgreementDue(JsonNode caseState) =>
            (string?)caseState["followUp"]!.AsArray().Single(d => (string?)d!["kind"] == "agreement")!["dueAt"];
        Assert.Equal(AgreementDue(state), AgreementDue(then));
        Assert.True((bool)(await staff.Get($"/api/cases/{caseId}/verify")).ShouldBe(200).Json["intact"]!);

        // The audit log, the change feed and the webhooks carry the new events, with no data of their own.
        await features.CatchUp();
        var audit = (await staff.Get($"/api/audit?caseId={caseId}&type=follow_up_overdue")).ShouldBe(200).Json["items"]!.AsArray();
        Assert.Equal(2, audit.Count);
        var feed = JsonNode.Parse((await staff.Get("/api/events?limit=1000")).ShouldBe(200).Body)!.AsArray();
        Assert.Equal(2, feed.Count(e => (string?)e!["type"] == "nl.participation.case.follow_up_overdue"));
        var notified = await features.Receiver.WaitFor(hook, r => r.Count >= 4);
        Assert.Equal(["case_suspended", "case_resumed", "follow_up_overdue", "follow_up_overdue"], notified.Select(r => (string)r.Event["data"]!["type"]!));
        Assert.All(notified, r => Assert.DoesNotContain("school", r.Body));

        // Another tenant sees neither the case nor the norms.
        var stranger = features.NewTenant(Roles.Caseworker, Roles.Admin);
        (await stranger.Post($"/api/cases/{caseId}/suspend", new { reason = "Niet van ons" })).ShouldBeProblem(404);
        Assert.Equal(0, (long)(await stranger.Get("/api/norms")).ShouldBe(200).Json["version"]!);
        Assert.Contains("Deprecation", (await staff.Get("/api/norms")).Headers.Keys);

        // Every read model, rebuilt by the operator's command, comes out as it was, and so do the deadlines.
        var store = features.Host.Services.GetRequiredService<IDocumentStore>();
        Guid[] ids = [caseId];
        await features.CatchUp();
        var live = await ReadModelSnapshot.Take(store, staff.Tenant, ids);
        var followUp = state["followUp"]!.ToJsonString();
        await ReadModelSnapshot.Lose(store, staff.Tenant, ids);

        var (exitCode, output) = await DaemonPause.WhileAsync(features.Host, () => HostCommandLine.Run(features.Schema, "projections", "rebuild"));

        Assert.True(exitCode == 0 && !output.Contains("Errors detected"), output);
        Assert.Equal(live, await ReadModelSnapshot.Take(store, staff.Tenant, ids));
        Assert.Equal(followUp, (await staff.Get($"/api/cases/{caseId}")).ShouldBe(200).Json["followUp"]!.ToJsonString());
    }
}
