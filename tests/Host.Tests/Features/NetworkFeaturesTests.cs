using System.Text.Json.Nodes;
using Marten;
using Participation.Host.Security;
using Participation.Host.Tests.Networks;
using Participation.Host.Tests.Support;

namespace Participation.Host.Tests.Features;

/// <summary>
/// Networks with every other feature, in one tenant: an erasure of a connected participant, a merge, time travel, the
/// audit log, the change feed, webhooks, verification of the cases, and a rebuild of every projection by the operator's command.
/// </summary>
[Collection(FeatureCollection.Name)]
public sealed class NetworkFeaturesTests(FeatureFixture features)
{
    [Fact]
    public async Task Networks_meet_erasure_time_travel_the_feed_webhooks_the_audit_log_and_a_rebuild()
    {
        var staff = features.NewTenant(Roles.Caseworker, Roles.Manager, Roles.Auditor, Roles.Admin);
        var callback = features.Receiver.NewCallback(out var hook);
        (await staff.Post("/api/subscriptions", new { callbackUrl = callback, eventTypes = new[] { "*" } })).ShouldBe(201);

        var duplicate = await staff.RegisterNetwork("Moskee Slotermeer vrouwengroep");
        var original = await staff.RegisterNetwork("Vrouwengroep Moskee Slotermeer");
        var (first, parent) = await staff.CaseInPhase("strengthen");
        var volunteer = await staff.AddParticipant(first, "volunteer", "Henk de Vries");
        await staff.ConnectTo(first, duplicate, parent, volunteer);
        var connectedAt = await staff.CurrentVersion(first);
        var agreement = (Guid)(await staff.Post($"/api/cases/{first}/agreements",
            new { parties = new[] { parent, volunteer }, gives = "Kookt elke week", receives = "Hulp bij formulieren" })).ShouldBe(200).Json["agreementId"]!;
        (await staff.Post($"/api/cases/{first}/agreements/{agreement}/fulfil", new { note = "Gelukt" })).ShouldBe(200);
        var (second, other) = await staff.CaseInPhase("engage");
        await staff.ConnectTo(second, original, other);
        await features.CatchUp();

        // An erasure changes no network: its reach counts ids, never names.
        var reachBefore = Reach((await staff.Get($"/api/networks/{duplicate}")).ShouldBe(200).Json);
        (await staff.Post($"/api/cases/{first}/participants/{parent}/erase", new { })).ShouldBe(200);
        await features.CatchUp();
        Assert.Equal(reachBefore.ToJsonString(), Reach((await staff.Get($"/api/networks/{duplicate}")).ShouldBe(200).Json).ToJsonString());
        Assert.Equal((1, 2, 1), ((int)reachBefore["cases"]!, (int)reachBefore["participants"]!, (int)reachBefore["agreements"]!["fulfilled"]!));

        // Time travel shows the network a connection had.
        var then = (await staff.Get($"/api/cases/{first}/state?version={connectedAt}")).ShouldBe(200).Json["connections"]!.AsArray();
        Assert.Equal(duplicate, (Guid)then[^1]!["networkId"]!);

        (await staff.Post($"/api/networks/{duplicate}/merge", new { into = original })).ShouldBe(200);
        (await staff.Post($"/api/networks/{original}/update", new { description = "Ook de groep van de Moskee Slotermeer" })).ShouldBe(200);
        await features.CatchUp();
        var merged = (await staff.Get($"/api/networks/{original}")).ShouldBe(200).Json;
        Assert.Equal((2, 3, 1), ((int)merged["cases"]!, (int)merged["participants"]!, (int)merged["agreements"]!["fulfilled"]!));

        // The network's events are in the audit log, the change feed and the webhooks, per network in version order, with no data of their own.
        var audit = (await staff.Get($"/api/audit?caseId={duplicate}")).ShouldBe(200).Json["items"]!.AsArray();
        Assert.Equal(["network_registered", "network_merged"], audit.Select(e => (string)e!["type"]!));
        var feed = JsonNode.Parse((await staff.Get("/api/events?limit=1000")).ShouldBe(200).Body)!.AsArray();
        var networkEvents = feed.Where(e => ((string)e!["type"]!).StartsWith("nl.participation.network.", StringComparison.Ordinal)).ToList();
        Assert.Equal(["network_registered", "network_merged"],
            networkEvents.Where(e => (string?)e!["subject"] == duplicate.ToString()).Select(e => (string)e!["data"]!["type"]!));
        Assert.All(networkEvents, e =>
        {
            Assert.Equal($"/api/v1/networks/{e!["subject"]}", (string?)e["dataref"]);
            Assert.Equal((string?)e["subject"], (string?)e["data"]!["networkId"]);
            Assert.Equal((string?)e["sequence"], ((long)e["data"]!["version"]!).ToString());
            Assert.Null(e["data"]!["domain"]);
        });
        var total = (int)(await staff.Get("/api/audit?pageSize=1")).ShouldBe(200).Json["total"]!;
        Assert.Equal(total, feed.Count);
        var notified = await features.Receiver.WaitFor(hook, r => r.Count >= total);
        Assert.Equal(feed.Select(e => (string)e!["id"]!).Order(), notified.Select(r => (string)r.Event["id"]!).Order());
        Assert.Equal([1L, 2L], notified.Where(r => r.CaseId == original).Select(r => r.Version));
        Assert.All(notified, r => Assert.DoesNotContain("Fatima", r.Body));
        foreach (var caseId in new[] { first, second })
            Assert.True((bool)(await staff.Get($"/api/cases/{caseId}/verify")).ShouldBe(200).Json["intact"]!);

        // Every read model, rebuilt from the events by the operator's command, comes out as it was. The fixture's clock may
        // stand months ahead (other tests move it): what the timers would record meanwhile is recorded and projected first.
        var timers = features.Host.Services.GetRequiredService<Participation.Host.FollowUp.Timers.OverdueCheck>();
        while (await timers.RunDueAsync(CancellationToken.None) > 0) { }
        await features.CatchUp();
        var store = features.Host.Services.GetRequiredService<IDocumentStore>();
        Guid[] ids = [first, second];
        var live = await ReadModelSnapshot.Take(store, staff.Tenant, ids);
        var list = (await staff.Get("/api/networks")).ShouldBe(200).Body;
        await ReadModelSnapshot.Lose(store, staff.Tenant, ids);
        Assert.NotEqual(list, (await staff.Get("/api/networks")).ShouldBe(200).Body);

        var (exitCode, output) = await DaemonPause.WhileAsync(features.Host, () => HostCommandLine.Run(features.Schema, "projections", "rebuild"));

        Assert.True(exitCode == 0 && !output.Contains("Errors detected"), output);
        Assert.Equal(live, await ReadModelSnapshot.Take(store, staff.Tenant, ids));
        Assert.Equal(list, (await staff.Get("/api/networks")).ShouldBe(200).Body);
    }

    /// <summary>A network's figures, without what describes it.</summary>
    private static JsonObject Reach(JsonNode network) => new()
    {
        ["cases"] = network["cases"]!.DeepClone(), ["openCases"] = network["openCases"]!.DeepClone(), ["participants"] = network["participants"]!.DeepClone(),
        ["agreements"] = network["agreements"]!.DeepClone(), ["neighbourhoodsReached"] = network["neighbourhoodsReached"]!.DeepClone(),
        ["connectedCases"] = network["connectedCases"]!.DeepClone(), ["reachByQuarter"] = network["reachByQuarter"]!.DeepClone(),
    };
}
