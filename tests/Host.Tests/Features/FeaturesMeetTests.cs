using System.Text.Json.Nodes;
using Marten;
using Marten.Events;
using Participation.Host.Security;
using Participation.Host.Tests.Notifications;
using Participation.Host.Tests.Support;

namespace Participation.Host.Tests.Features;

/// <summary>A host of its own: its rebuilds replay only what these tests wrote.</summary>
public sealed class FeatureFixture() : ApiFixture("feature_tests")
{
    public Receiver Receiver { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        Receiver = await Receiver.StartAsync();
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Receiver.DisposeAsync();
    }

    /// <summary>Waits until the async daemon has projected every event so far.</summary>
    public Task CatchUp() => Host.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));
}

[CollectionDefinition(Name)]
public sealed class FeatureCollection : ICollectionFixture<FeatureFixture>
{
    public const string Name = "features";
}

/// <summary>
/// Every feature on the same data in one tenant: the whole lifecycle of two cases with an erasure in the
/// middle, then every read, the audit trail and a rebuild of every projection.
/// </summary>
[Collection(FeatureCollection.Name)]
public sealed class FeaturesMeetTests(FeatureFixture features)
{
    private static readonly (string, string) NoToken = ("Authorization", "");

    [Fact]
    public async Task A_lifecycle_with_an_erasure_in_the_middle_reads_verifies_and_rebuilds_to_the_same_read_models()
    {
        var caseworker = features.NewTenant(Roles.Caseworker);
        var admin = caseworker.WithRoles(Roles.Admin);
        var manager = caseworker.WithRoles(Roles.Manager);
        var auditor = caseworker.WithRoles(Roles.Auditor);
        var callback = features.Receiver.NewCallback(out var hook);
        (await admin.Post("/api/subscriptions", new { callbackUrl = callback, eventTypes = new[] { "*" } })).ShouldBe(201);

        var (connected, parent) = await caseworker.CaseInPhase("connect");
        var volunteer = await caseworker.AddParticipant(connected, "volunteer", "Henk de Vries");
        var agreement = (Guid)(await caseworker.Post($"/api/cases/{connected}/agreements",
            new { parties = new[] { parent, volunteer }, gives = "Kookt elke week", receives = "Hulp bij de administratie" })).ShouldBe(200).Json["agreementId"]!;
        (await caseworker.Post($"/api/cases/{connected}/measurements", new
        {
            participantId = parent, moment = "intake", measuredOn = DateOnly.FromDateTime(DateTime.UtcNow),
            domains = new[] { new { domain = "housing", level = 2, ownShare = 40, networkShare = 10, professionalShare = 50 } }, note = "Fatima zoekt een huis",
        })).ShouldBe(200);
        (await admin.Post($"/api/cases/{connected}/participants/{parent}/erase", new { })).ShouldBe(200);
        await caseworker.RecordContact(connected, volunteer);
        (await caseworker.Post($"/api/cases/{connected}/agreements/{agreement}/fulfil", new { note = "Gelukt" })).ShouldBe(200);
        (await caseworker.Post($"/api/cases/{connected}/close", new { outcome = "achieved", summary = "Kookclub draait" })).ShouldBe(200);
        (await caseworker.Post($"/api/cases/{connected}/reopen", new { reason = "Nieuwe vraag" })).ShouldBe(200);
        var (other, otherParent) = await caseworker.CaseInPhase("strengthen");
        (await admin.Post($"/api/cases/{other}/participants/{otherParent}/erase", new { })).ShouldBe(200);
        (await caseworker.Post($"/api/cases/{other}/assign", new { owner = "piet" })).ShouldBe(200);
        await features.CatchUp();

        // Every read answers, and an erased participant is erased in each of them.
        var dashboard = (await manager.Get("/api/dashboard")).ShouldBe(200).Body;
        Assert.Equal((2, 0), ((int)JsonNode.Parse(dashboard)!["open"]!, (int)JsonNode.Parse(dashboard)!["closed"]!));
        var networks = (await manager.Get("/api/networks")).ShouldBe(200).Body;
        Assert.Equal(2, (int)JsonNode.Parse(networks)!["items"]![0]!["cases"]!);
        var found = (await caseworker.Get("/api/cases?q=toernooi")).ShouldBe(200).Body;
        Assert.Equal(2, (int)JsonNode.Parse(found)!["total"]!);
        var csv = (await manager.Get("/api/cases/export.csv")).ShouldBe(200).Body;
        Assert.Contains(connected.ToString(), csv);
        var history = (await auditor.Get($"/api/cases/{connected}/history")).ShouldBe(200).Json.AsArray();
        Assert.Contains(history, e => (string?)e!["type"] == "participant_erased");
        Assert.Equal("[erased]", (string?)history.First(e => (string?)e!["type"] == "participant_joined")!["data"]!["displayName"]);
        Assert.Null(history.First(e => (string?)e!["type"] == "measurement_recorded")!["data"]!["domains"]);
        var latest = (long)history[^1]!["version"]!;
        for (var version = 1; version <= latest; version++)
            (await auditor.Get($"/api/cases/{connected}/state?version={version}")).ShouldBe(200);
        var state = (await auditor.Get($"/api/cases/{connected}/state?version={latest}")).ShouldBe(200).Body;
        Assert.Equal((await auditor.Get($"/api/cases/{connected}")).ShouldBe(200).Body, state);
        foreach (var caseId in new[] { connected, other })
            Assert.True((bool)(await auditor.Get($"/api/cases/{caseId}/verify")).ShouldBe(200).Json["intact"]!);
        Assert.Equal(history.Count, (int)(await auditor.Get($"/api/audit?caseId={connected}")).ShouldBe(200).Json["total"]!);
        var projections = Projections((await caseworker.Get("/health/ready", NoToken)).ShouldBe(200).Json);
        Assert.True((string?)projections["status"] == "Healthy", projections.ToJsonString());

        // Every event was notified once, in order per case, the erasure too, and no notification carries personal data.
        var total = (int)(await auditor.Get("/api/audit?pageSize=1")).ShouldBe(200).Json["total"]!;
        var notified = await features.Receiver.WaitFor(hook, r => r.Count >= total);
        Assert.Equal(total, notified.Count);
        Assert.Equal(history.Select(e => (long)e!["version"]!), notified.Where(r => r.CaseId == connected).Select(r => r.Version));
        Assert.Contains(notified, r => r.Type == "participant_erased");
        Assert.All(notified, r => Assert.DoesNotContain("Fatima", r.Body));

        // Every read model, rebuilt from the events by the operator's command, comes out as it was.
        var store = features.Host.Services.GetRequiredService<IDocumentStore>();
        Guid[] ids = [connected, other];
        var live = await ReadModelSnapshot.Take(store, caseworker.Tenant, ids);
        await ReadModelSnapshot.Lose(store, caseworker.Tenant, ids);
        Assert.NotEqual(live, await ReadModelSnapshot.Take(store, caseworker.Tenant, ids));

        var (exitCode, output) = await DaemonPause.WhileAsync(features.Host, () => HostCommandLine.Run(features.Schema, "projections", "rebuild"));

        Assert.True(exitCode == 0 && !output.Contains("Errors detected"), output);
        Assert.Equal(live, await ReadModelSnapshot.Take(store, caseworker.Tenant, ids));
        Assert.Equal(Dashboards.WithoutAsOf(dashboard), Dashboards.WithoutAsOf((await manager.Get("/api/dashboard")).ShouldBe(200).Body));
        Assert.Equal(networks, (await manager.Get("/api/networks")).ShouldBe(200).Body);
        Assert.Equal(found, (await caseworker.Get("/api/cases?q=toernooi")).ShouldBe(200).Body);

        // A rebuild of the read models replays no notification.
        await features.CatchUp();
        await Task.Delay(1000);
        Assert.Equal(total, features.Receiver.At(hook).Count);
    }

    private static JsonNode Projections(JsonNode report) => report["checks"]!.AsArray().Single(c => (string?)c!["name"] == "projections")!;
}
