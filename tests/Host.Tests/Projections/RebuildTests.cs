using System.Text.Json;
using Marten;
using Participation.Domain.Cases;
using Participation.Host.Tests.Support;
using Participation.Projections.Cases;

namespace Participation.Host.Tests.Projections;

/// <summary>A host of its own, so a rebuild replays only the events these tests wrote.</summary>
public sealed class RebuildFixture() : ApiFixture("rebuild_tests");

[CollectionDefinition(Name)]
public sealed class RebuildCollection : ICollectionFixture<RebuildFixture>
{
    public const string Name = "rebuild";
}

[Collection(RebuildCollection.Name)]
public sealed class RebuildTests(RebuildFixture api)
{
    [Fact]
    public async Task Rebuilding_every_read_model_from_the_events_reproduces_the_live_ones()
    {
        var caller = api.NewTenant();
        var (connected, parent) = await caller.CaseInPhase("connect");
        (await caller.Post($"/api/cases/{connected}/close", new { outcome = "partly-achieved", summary = "Deels" })).ShouldBe(200);
        (await caller.Post($"/api/cases/{connected}/reopen", new { reason = "Nieuwe vraag" })).ShouldBe(200);
        (await caller.Post($"/api/cases/{connected}/participants/{parent}/leave", new { reason = "Verhuisd" })).ShouldBe(200);
        var (engaged, _) = await caller.CaseInPhase("engage");
        (await caller.Post($"/api/cases/{engaged}/assign", new { owner = "piet" })).ShouldBe(200);
        Guid[] ids = [connected, engaged, await caller.OpenCase()];

        var store = api.Host.Services.GetRequiredService<IDocumentStore>();
        var live = await Snapshot(store, caller.Tenant, ids);
        Assert.DoesNotContain("null", live);

        await Corrupt(store, caller.Tenant, connected);
        Assert.NotEqual(live, await Snapshot(store, caller.Tenant, ids));

        using var daemon = await store.BuildProjectionDaemonAsync();
        await daemon.RebuildProjectionAsync<Case>(TimeSpan.FromMinutes(2), CancellationToken.None);
        await daemon.RebuildProjectionAsync<CaseDetailsRowsProjection>(TimeSpan.FromMinutes(2), CancellationToken.None);
        await daemon.RebuildProjectionAsync<CaseSummary>(TimeSpan.FromMinutes(2), CancellationToken.None);

        var rebuilt = await Snapshot(store, caller.Tenant, ids);
        Assert.Equal(live, rebuilt);
    }

    // A read model that drifted from its events: the rebuild must put it right, not keep it.
    private static async Task Corrupt(IDocumentStore store, string tenant, Guid id)
    {
        await using var session = store.LightweightSession(tenant);
        var head = await session.LoadAsync<CaseDetailsHead>(id);
        head!.Title = "tampered";
        session.Store(head);
        session.DeleteWhere<CaseParticipantEntry>(x => x.CaseId == id);
        session.Delete<CaseSummary>(id);
        session.Delete<CaseSearchText>(id);
        await session.SaveChangesAsync();
    }

    private static async Task<List<string>> Snapshot(IDocumentStore store, string tenant, Guid[] ids)
    {
        await using var session = store.QuerySession(tenant);
        var snapshot = new List<string>();
        foreach (var id in ids)
        {
            snapshot.Add(JsonSerializer.Serialize(await session.LoadAsync<Case>(id)));
            snapshot.Add(JsonSerializer.Serialize(await session.LoadCaseDetailsAsync(id)));
            snapshot.Add(JsonSerializer.Serialize(await session.LoadAsync<CaseSummary>(id)));
            snapshot.Add(JsonSerializer.Serialize(await session.LoadAsync<CaseSearchText>(id)));
        }
        return snapshot;
    }
}
