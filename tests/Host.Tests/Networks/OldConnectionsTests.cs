using Marten;
using Participation.Domain.Cases;
using Participation.Domain.Networks;
using Participation.Host.Privacy;
using Participation.Host.Security;
using Participation.Host.Tests.Support;

namespace Participation.Host.Tests.Networks;

/// <summary>
/// A database written before networks had streams: connections that name a network by name and kind only. Without any
/// migration step they belong to the network their name and kind stand for, which the map lists, takes connections by
/// id or name, and registers from what its connections said as soon as a command changes it.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class OldConnectionsTests(ApiFixture api)
{
    [Fact]
    public async Task Connections_stored_with_only_a_name_belong_to_the_network_of_their_name_and_kind()
    {
        var caseworker = api.NewTenant(Roles.Caseworker, Roles.Manager);
        var (first, parent) = await caseworker.CaseInPhase("strengthen");
        var second = await caseworker.OpenCase(Scenarios.NewCase(code: "E39", name: "Slotermeer-Zuidwest"));
        await AppendAsTheOldCodeDid(caseworker.Tenant, first, "Buurtvaders Slotermeer", parent);
        await AppendAsTheOldCodeDid(caseworker.Tenant, second, "  buurtvaders SLOTERMEER");
        await api.Host.CatchUp();

        var listed = (await caseworker.Get("/api/networks?q=buurtvaders")).ShouldBe(200).Json["items"]!.AsArray().Single()!;
        var id = (Guid)listed["id"]!;
        Assert.Equal(NetworkNames.DerivedId(caseworker.Tenant, "Buurtvaders Slotermeer", NetworkKind.Informal), id);
        Assert.Equal(("Buurtvaders Slotermeer", false, 0L, 2, 1), ((string?)listed["name"], (bool)listed["registered"]!, (long)listed["version"]!,
            (int)listed["cases"]!, (int)listed["participants"]!));
        Assert.Equal(["E38", "E39"], listed["neighbourhoodsReached"]!.AsArray().Select(c => (string)c!));
        foreach (var caseId in new[] { first, second })
            Assert.Equal(id, (Guid)(await caseworker.Get($"/api/cases/{caseId}")).ShouldBe(200).Json["connections"]!.AsArray()[^1]!["networkId"]!);
        var auditor = caseworker.WithRoles(Roles.Auditor);
        Assert.Equal(id, (Guid)(await auditor.Get($"/api/cases/{second}/state?version=2")).ShouldBe(200).Json["connections"]!.AsArray().Single()!["networkId"]!);

        // A registration of the same name finds it; a connection by its name or by its id joins it.
        (await caseworker.Post("/api/networks", NetworkScenarios.NewNetwork("Buurtvaders Slotermeer", "informal"))).ShouldBeProblem(409, "network-exists");
        var third = await caseworker.OpenCase();
        (await caseworker.Post($"/api/cases/{third}/connections",
            new { network = new { name = "Buurtvaders Slotermeer", kind = "informal" }, participantIds = Array.Empty<Guid>(), purpose = "Klussen" })).ShouldBe(200);
        await caseworker.ConnectTo(third, id);
        Assert.All((await caseworker.Get($"/api/cases/{third}")).Json["connections"]!.AsArray(), c => Assert.Equal(id, (Guid)c!["networkId"]!));

        // The first command that changes it registers it, in the same transaction, from what its connections said.
        var updated = (await caseworker.Post($"/api/networks/{id}/update", new { organisation = "Buurthuis De Honingraat" }, ("If-Match", "\"0\""))).ShouldBe(200);
        Assert.Equal(2L, updated.Version);
        var network = (await caseworker.Get($"/api/networks/{id}")).ShouldBe(200).Json;
        Assert.Equal((true, "Buurthuis De Honingraat"), ((bool)network["registered"]!, (string?)network["organisation"]));
        Assert.Equal(["E38", "E39"], network["activeIn"]!.AsArray().Select(n => (string)n!["code"]!));
        await api.Host.CatchUp();
        var reach = (await caseworker.Get($"/api/networks/{id}")).ShouldBe(200).Json;
        Assert.Equal((3, 4), ((int)reach["cases"]!, (int)reach["connections"]!));
        var history = (await auditor.Get($"/api/audit?caseId={id}")).ShouldBe(200).Json["items"]!.AsArray();
        Assert.Equal(["network_registered", "network_updated"], history.Select(e => (string)e!["type"]!));
        Assert.True((bool)history[0]!["data"]!["fromConnections"]!);
    }

    /// <summary>A connection as the code before networks wrote it: a name and a kind, no network id; its purpose encrypted as always.</summary>
    private async Task AppendAsTheOldCodeDid(string tenant, Guid caseId, string name, params Guid[] participantIds)
    {
        await using var session = api.Host.Services.GetRequiredService<IDocumentStore>().LightweightSession(tenant);
        var connected = new NetworkConnected(Guid.CreateVersion7(), new Network(name, NetworkKind.Informal), participantIds, "Samen klussen", "anna",
            DateTimeOffset.UtcNow);
        var events = await session.ProtectPersonalDataAsync([connected], api.Host.Services.GetRequiredService<PersonalDataKeys>());
        var stream = await session.Events.FetchForWriting<Case>(caseId);
        stream.AppendMany(events);
        await session.SaveChangesAsync();
    }
}
