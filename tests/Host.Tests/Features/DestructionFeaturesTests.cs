using System.Text.Json.Nodes;
using Participation.Host.Security;
using Participation.Host.Tests.Retention;
using Participation.Host.Tests.Support;

namespace Participation.Host.Tests.Features;

/// <summary>
/// The features meet around a destruction (issue 28 part 4), in one tenant: an erasure in a surviving case, time travel, verify,
/// the audit log, webhooks and the change feed, networks and insights, another tenant's list, and a rebuild of every projection
/// whose figures are those before the destruction.
/// </summary>
[Collection(RetentionCollection.Name)]
public sealed class DestructionFeaturesTests(RetentionFixture retention)
{
    [Fact]
    public async Task A_destruction_leaves_every_figure_as_it_was_through_a_rebuild_and_every_other_feature_working()
    {
        var tenant = retention.NewTenantAtStart();
        var caseworker = retention.Caller(tenant, "sara", Roles.Caseworker);
        var admin = retention.Caller(tenant, "anna", Roles.Admin);
        var auditor = retention.Caller(tenant, "piet", Roles.Auditor);
        var manager = retention.Caller(tenant, "mo", Roles.Manager);
        var callback = retention.Receiver.NewCallback(out var hook);
        (await admin.Post("/api/subscriptions", new { callbackUrl = callback, eventTypes = new[] { "*" } })).ShouldBe(201);
        var quarter = $"{retention.Start.Year}-Q{(retention.Start.Month - 1) / 3 + 1}";

        // Two cases to destroy and one to keep, all connected to the same network; one measured resident; an erasure in the kept one.
        var (first, firstParent) = await caseworker.CaseInPhase("connect");
        foreach (var (moment, level) in new[] { ("intake", 2), ("evaluation", 4) })
            (await caseworker.Post($"/api/cases/{first}/measurements", new
            {
                participantId = firstParent, moment, measuredOn = DateOnly.FromDateTime(retention.Start.UtcDateTime),
                domains = new[] { new { domain = "housing", level, ownShare = 40, networkShare = 10, professionalShare = 50 } },
            })).ShouldBe(200);
        var agreement = (Guid)(await caseworker.Post($"/api/cases/{first}/agreements", new { parties = new[] { firstParent }, gives = "Kookt" })).ShouldBe(200).Json["agreementId"]!;
        (await caseworker.Post($"/api/cases/{first}/agreements/{agreement}/fulfil", new { note = "Gelukt" })).ShouldBe(200);
        var (second, _) = await caseworker.CaseInPhase("strengthen");
        var (kept, keptParent) = await caseworker.CaseInPhase("connect");
        var open = await caseworker.OpenCase();
        foreach (var id in new[] { first, second, kept })
            (await caseworker.Post($"/api/cases/{id}/close", new { outcome = "achieved", summary = "Klaar" })).ShouldBe(200);
        (await admin.Post($"/api/cases/{kept}/participants/{keptParent}/erase", new { })).ShouldBe(200);
        var elsewhere = "t-" + Guid.NewGuid().ToString("N")[..12];
        var otherCase = await retention.Caller(elsewhere, "sara", Roles.Caseworker).OpenCase();
        (await retention.Caller(elsewhere, "sara", Roles.Caseworker).Post($"/api/cases/{otherCase}/close", new { outcome = "stopped", summary = "Klaar" })).ShouldBe(200);
        await retention.CatchUp();
        retention.Clock.Advance(TimeSpan.FromDays(8 * 365 + 2));
        var before = await Figures(manager, quarter);
        var keptHistory = (await auditor.Get($"/api/audit?caseId={kept}")).ShouldBe(200).Json["total"]!.GetValue<long>();

        // Each tenant's list holds its own cases only.
        var listId = (Guid)(await admin.Post("/api/destruction-lists", new { })).ShouldBe(201).Json["id"]!;
        var otherList = (await retention.Caller(elsewhere, "anna", Roles.Admin).Post("/api/destruction-lists", new { })).ShouldBe(201).Json;
        Assert.Equal([otherCase], otherList["items"]!.AsArray().Select(i => (Guid)i!["caseId"]!));
        (await retention.Caller(elsewhere, "anna", Roles.Admin).Get($"/api/destruction-lists/{listId}")).ShouldBeProblem(404);
        Assert.Equal(new[] { first, second, kept }.Order(),
            (await auditor.Get($"/api/destruction-lists/{listId}")).ShouldBe(200).Json["items"]!.AsArray().Select(i => (Guid)i!["caseId"]!).Order());
        (await admin.Post($"/api/destruction-lists/{listId}/items/{kept}/exclude", new { reason = "Verzoek van de ouder om inzage loopt" })).ShouldBe(200);
        (await auditor.Post($"/api/destruction-lists/{listId}/approve", new { })).ShouldBe(202);
        await retention.Destroyed(auditor, listId);

        // Figures as they were; the destroyed cases are gone from every read, the kept one reads, travels in time and verifies.
        Assert.Equal(before, await Figures(manager, quarter));
        (await caseworker.Get($"/api/cases/{first}")).ShouldBeProblem(410, "case-destroyed");
        Assert.Equal(0, (long)(await auditor.Get($"/api/audit?caseId={first}")).ShouldBe(200).Json["total"]!);
        Assert.Equal(keptHistory, (long)(await auditor.Get($"/api/audit?caseId={kept}")).ShouldBe(200).Json["total"]!);
        Assert.Equal(2, (long)(await caseworker.Get("/api/cases")).ShouldBe(200).Json["total"]!);
        var network = (Guid)(await manager.Get("/api/networks")).ShouldBe(200).Json["items"]![0]!["id"]!;
        Assert.Equal([kept], (await manager.Get($"/api/networks/{network}")).ShouldBe(200).Json["connectedCases"]!.AsArray().Select(c => (Guid)c!["caseId"]!));
        var latest = (await auditor.Get($"/api/cases/{kept}")).ShouldBe(200).Version;
        for (var version = 1; version <= latest; version++) (await auditor.Get($"/api/cases/{kept}/state?version={version}")).ShouldBe(200);
        Assert.Equal("[erased]", (string?)(await auditor.Get($"/api/cases/{kept}/history")).ShouldBe(200).Json.AsArray()
            .First(e => (string?)e!["type"] == "participant_joined")!["data"]!["displayName"]);
        foreach (var id in new[] { kept, open }) Assert.True((bool)(await auditor.Get($"/api/cases/{id}/verify")).ShouldBe(200).Json["intact"]!);

        // One thin notification per destroyed case, to the webhook and in the feed: the case and the list, nothing more.
        var destroyed = await retention.Receiver.WaitFor(hook, r => r.Count(n => (string?)n.Event["type"] == "nl.participation.case.destroyed") == 2);
        foreach (var n in destroyed.Where(n => (string?)n.Event["type"] == "nl.participation.case.destroyed"))
        {
            Assert.Contains(n.CaseId, new[] { first, second });
            Assert.Equal(new[] { "caseId", "listId" }, n.Event["data"]!.AsObject().Select(p => p.Key).Order());
            Assert.Equal((listId, n.CaseId), ((Guid)n.Event["data"]!["listId"]!, (Guid)n.Event["data"]!["caseId"]!));
        }
        var feed = (await caseworker.Get("/api/events?after=0&limit=1000")).ShouldBe(200).Body;
        Assert.Equal(2, JsonNode.Parse(feed)!.AsArray().Count(e => (string?)e!["type"] == "nl.participation.case.destroyed"));
        Assert.DoesNotContain("Fatima", feed);

        // Every projection rebuilt from the events that are left, and the declarations: the same figures.
        var (exitCode, output) = await DaemonPause.WhileAsync(retention.Host, () => HostCommandLine.Run(retention.Schema, "projections", "rebuild"));
        Assert.True(exitCode == 0 && !output.Contains("Errors detected"), output);
        Assert.Equal(before, await Figures(manager, quarter));
        Assert.Empty(await OwnRows.Naming(retention.Schema, first, DestructionTests.Declaration(retention.Schema, listId)));
    }

    /// <summary>Every figure the tenant publishes: the dashboard (punctuality in it), the networks with their reach, the insights of the quarter the work was done in.</summary>
    private static async Task<string> Figures(Caller manager, string quarter)
    {
        var dashboard = Dashboards.WithoutAsOf((await manager.Get("/api/dashboard")).ShouldBe(200).Body);
        var networks = (await manager.Get("/api/networks")).ShouldBe(200).Body;
        var network = (string)JsonNode.Parse(networks)!["items"]![0]!["id"]!;
        var reach = (await manager.Get($"/api/networks/{network}")).ShouldBe(200).Json["reachByQuarter"]!.ToJsonString();
        var insights = (await manager.Get($"/api/insights?period={quarter}")).ShouldBe(200).Body;
        var export = (await manager.Get($"/api/insights/export.csv?period={quarter}")).ShouldBe(200).Body;
        return string.Join("\n", dashboard, networks, reach, insights, export);
    }
}
