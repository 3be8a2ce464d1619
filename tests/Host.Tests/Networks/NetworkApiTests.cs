using System.Text.Json.Nodes;
using Participation.Host.Security;
using Participation.Host.Tests.Support;

namespace Participation.Host.Tests.Networks;

/// <summary>The routes of networks, through the HTTP API: registering, reading, changing, merging, retiring, and connecting cases to them.</summary>
[Collection(ApiCollection.Name)]
public class NetworkApiTests(ApiFixture api)
{
    [Fact]
    public async Task A_registered_network_reads_back_with_its_location_etag_and_fields()
    {
        var caseworker = api.NewTenant(Roles.Caseworker);

        var created = (await caseworker.Post("/api/networks", NetworkScenarios.NewNetwork())).ShouldBe(201);
        var id = (Guid)created.Json["id"]!;
        Assert.Equal((1L, $"/api/networks/{id}", "\"1\""), ((long)created.Json["version"]!, created.Location, created.ETag));

        var network = (await caseworker.Get($"/api/networks/{id}")).ShouldBe(200);
        Assert.Equal("\"1\"", network.ETag);
        var body = network.Json;
        Assert.Equal(("Vrouwengroep Moskee Slotermeer", "faith", "active", "Moskee Slotermeer", "Koffieochtend op dinsdag", true),
            ((string?)body["name"], (string?)body["kind"], (string?)body["status"], (string?)body["organisation"], (string?)body["description"], (bool)body["registered"]!));
        Assert.Equal("E38", (string?)body["activeIn"]![0]!["code"]);
        Assert.Equal((0, 0), ((int)body["cases"]!, body["connectedCases"]!.AsArray().Count));
    }

    [Theory]
    [InlineData("Vrouwengroep Moskee Slotermeer")]
    [InlineData("  vrouwengroep moskee   SLOTERMEER ")]
    [InlineData("Vrouwengroep Moskée Slotermeer")]
    public async Task The_same_name_and_kind_again_is_a_409_naming_the_existing_network(string name)
    {
        var caseworker = api.NewTenant(Roles.Caseworker);
        var existing = await caseworker.RegisterNetwork();

        var problem = (await caseworker.Post("/api/networks", NetworkScenarios.NewNetwork(name))).ShouldBeProblem(409, "network-exists");

        Assert.Equal(existing, (Guid)problem["id"]!);
        (await caseworker.Post("/api/networks", NetworkScenarios.NewNetwork(name, kind: "informal"))).ShouldBe(201);
    }

    [Fact]
    public async Task Another_tenants_network_does_not_exist_for_the_caller()
    {
        var theirs = await api.NewTenant(Roles.Caseworker).RegisterNetwork();
        var manager = api.NewTenant(Roles.Manager, Roles.Caseworker);
        var mine = await manager.RegisterNetwork();

        (await manager.Get($"/api/networks/{theirs}")).ShouldBeProblem(404);
        (await manager.Post($"/api/networks/{theirs}/update", new { description = "Overgenomen" })).ShouldBeProblem(404);
        (await manager.Post($"/api/networks/{theirs}/retire", new { reason = "Weg" })).ShouldBeProblem(404);
        (await manager.Post($"/api/networks/{mine}/merge", new { into = theirs })).ShouldBeProblem(409, "network-unknown");
        var caseId = await manager.OpenCase();
        (await manager.Post($"/api/cases/{caseId}/connections", new { networkId = theirs, participantIds = Array.Empty<Guid>(), purpose = "x" }))
            .ShouldBeProblem(409, "network-unknown");
        Assert.DoesNotContain(theirs.ToString(), (await manager.Get("/api/networks")).ShouldBe(200).Body);
        Assert.Equal(1L, (await manager.Get($"/api/networks/{mine}")).ShouldBe(200).Version);
    }

    [Fact]
    public async Task Network_commands_honour_if_match_and_idempotency_keys()
    {
        var manager = api.NewTenant(Roles.Manager);
        var id = await manager.RegisterNetwork();

        (await manager.Post($"/api/networks/{id}/update", new { description = "Nieuw" }, ("If-Match", "\"7\""))).ShouldBeProblem(412);
        var updated = (await manager.Post($"/api/networks/{id}/update", new { description = "Nieuw" }, ("If-Match", "\"1\""), ("Idempotency-Key", "upd-1")))
            .ShouldBe(200);
        Assert.Equal((2L, "\"2\""), (updated.Version, updated.ETag));
        var repeated = (await manager.Post($"/api/networks/{id}/update", new { description = "Nieuw" }, ("If-Match", "\"1\""), ("Idempotency-Key", "upd-1")))
            .ShouldBe(200);
        Assert.Equal(updated.Body, repeated.Body);
        (await manager.Post($"/api/networks/{id}/retire", new { reason = "Zomerstop" }, ("Idempotency-Key", "ret-1"))).ShouldBe(200);
        (await manager.Post($"/api/networks/{id}/retire", new { reason = "Zomerstop" }, ("Idempotency-Key", "ret-1"))).ShouldBe(200);

        var network = (await manager.Get($"/api/networks/{id}")).ShouldBe(200);
        Assert.Equal((3L, "Nieuw", "retired"), (network.Version, (string?)network.Json["description"], (string?)network.Json["status"]));
    }

    [Fact]
    public async Task Caseworkers_register_and_update_networks_managers_merge_and_retire_them_and_every_role_reads_them()
    {
        var tenant = api.NewTenant(Roles.Caseworker);
        var id = await tenant.RegisterNetwork();
        var other = await tenant.RegisterNetwork("Buurtmoeders Slotermeer", "informal");

        (await tenant.Post($"/api/networks/{id}/update", new { organisation = "Stichting Moskee Slotermeer" })).ShouldBe(200);
        (await tenant.Post($"/api/networks/{id}/retire", new { reason = "Gestopt" })).ShouldBeProblem(403);
        (await tenant.Post($"/api/networks/{id}/merge", new { into = other })).ShouldBeProblem(403);
        var auditor = tenant.WithRoles(Roles.Auditor);
        (await auditor.Post("/api/networks", NetworkScenarios.NewNetwork("Nog een"))).ShouldBeProblem(403);
        foreach (var role in Roles.All)
        {
            (await tenant.WithRoles(role).Get("/api/networks")).ShouldBe(200);
            (await tenant.WithRoles(role).Get($"/api/networks/{id}")).ShouldBe(200);
        }
        (await tenant.WithRoles(Roles.Manager).Post($"/api/networks/{id}/retire", new { reason = "Gestopt" })).ShouldBe(200);
        (await tenant.WithRoles(Roles.Admin).Post($"/api/networks/{id}/reactivate", new { reason = "Weer open" })).ShouldBe(200);
    }

    [Fact]
    public async Task Bad_input_is_a_clear_400_and_stores_nothing()
    {
        var manager = api.NewTenant(Roles.Manager);
        var id = await manager.RegisterNetwork();

        (await manager.Post("/api/networks", new { name = "Zonder buurt", kind = "faith", activeIn = Array.Empty<object>() })).ShouldBeBadRequest(true, "activeIn");
        (await manager.Post("/api/networks", new { name = "Vreemd", kind = "sekte", activeIn = new[] { NetworkScenarios.Slotermeer } })).ShouldBeBadRequest();
        (await manager.Post("/api/networks", new { kind = "faith", activeIn = new[] { NetworkScenarios.Slotermeer } })).ShouldBeBadRequest();
        (await manager.Post("/api/networks", new { name = "Buurt\u0000club", kind = "faith", activeIn = new[] { new { code = "", name = "x", district = "y" } } }))
            .ShouldBeBadRequest(true, "name", "activeIn[0].code");
        (await manager.PostRaw("/api/networks", "{\"name\": 5")).ShouldBeBadRequest();
        (await manager.Post($"/api/networks/{id}/update", new { })).ShouldBeBadRequest(true, "name");
        (await manager.Post($"/api/networks/{id}/update", new { name = "" })).ShouldBeBadRequest(true, "name");
        (await manager.Post($"/api/networks/{id}/merge", new { into = id })).ShouldBeProblem(409, "merge-into-itself");
        (await manager.Post($"/api/networks/{id}/merge", new { into = Guid.Empty })).ShouldBeBadRequest(true, "into");
        (await manager.Post($"/api/networks/{id}/retire", new { reason = "" })).ShouldBeBadRequest(true, "reason");
        (await manager.Get("/api/networks?kind=sekte&status=weg&sort=colour&pageSize=0")).ShouldBeBadRequest(true, "kind", "status", "sort", "pageSize");

        await api.Host.CatchUp();
        Assert.Equal(1L, (await manager.Get($"/api/networks/{id}")).ShouldBe(200).Version);
        Assert.Equal(1, (int)(await manager.Get("/api/networks")).ShouldBe(200).Json["total"]!);
    }

    [Fact]
    public async Task A_case_connects_by_network_id_or_by_name_and_kind_and_an_unknown_name_registers_a_network_in_the_same_command()
    {
        var caseworker = api.NewTenant(Roles.Caseworker);
        var (caseId, parent) = await caseworker.CaseInPhase("strengthen");
        var mosque = await caseworker.RegisterNetwork();

        await caseworker.ConnectTo(caseId, mosque, parent);
        (await caseworker.Post($"/api/cases/{caseId}/connections",
            new { network = new { name = " VROUWENGROEP moskee slotermeer", kind = "faith" }, participantIds = new[] { parent }, purpose = "Koffie" })).ShouldBe(200);

        var connections = (await caseworker.Get($"/api/cases/{caseId}")).ShouldBe(200).Json["connections"]!.AsArray();
        var shopkeepers = (Guid)connections[0]!["networkId"]!; // CaseInPhase connected "Winkeliers Slotermeerlaan" by name
        Assert.Equal([shopkeepers, mosque, mosque], connections.Select(c => (Guid)c!["networkId"]!));
        Assert.Equal("Vrouwengroep Moskee Slotermeer", (string?)connections[2]!["network"]!["name"]);

        var registered = (await caseworker.Get($"/api/networks/{shopkeepers}")).ShouldBe(200).Json;
        Assert.Equal(("Winkeliers Slotermeerlaan", "business", true, "E38"),
            ((string?)registered["name"], (string?)registered["kind"], (bool)registered["registered"]!, (string?)registered["activeIn"]![0]!["code"]));

        await api.Host.CatchUp();
        var reach = (await caseworker.Get($"/api/networks/{mosque}")).ShouldBe(200).Json;
        Assert.Equal((1, 1, 1, 2), ((int)reach["cases"]!, (int)reach["openCases"]!, (int)reach["participants"]!, (int)reach["connections"]!));
        Assert.Equal(caseId, (Guid)reach["connectedCases"]![0]!["caseId"]!);
        Assert.Equal(["E38"], reach["neighbourhoodsReached"]!.AsArray().Select(c => (string)c!));
        var quarter = Assert.Single(reach["reachByQuarter"]!.AsArray())!;
        Assert.Equal((1, 1), ((int)quarter["casesConnected"]!, (int)quarter["participantsConnected"]!));
    }

    [Fact]
    public async Task A_retired_merged_or_unknown_network_takes_no_connection()
    {
        var caseworker = api.NewTenant(Roles.Caseworker, Roles.Manager);
        var caseId = await caseworker.OpenCase();
        var retired = await caseworker.RegisterNetwork("Buurtvaders", "informal");
        var merged = await caseworker.RegisterNetwork("Buurtvaders Slotermeer", "informal");
        var kept = await caseworker.RegisterNetwork("Vaders van Slotermeer", "informal");
        (await caseworker.Post($"/api/networks/{retired}/retire", new { reason = "Gestopt" })).ShouldBe(200);
        (await caseworker.Post($"/api/networks/{merged}/merge", new { into = kept })).ShouldBe(200);
        var before = await caseworker.CurrentVersion(caseId);

        object Connect(Guid id) => new { networkId = id, participantIds = Array.Empty<Guid>(), purpose = "x" };
        (await caseworker.Post($"/api/cases/{caseId}/connections", Connect(retired))).ShouldBeProblem(409, "network-retired");
        var problem = (await caseworker.Post($"/api/cases/{caseId}/connections", Connect(merged))).ShouldBeProblem(409, "network-merged");
        Assert.Equal(kept, (Guid)problem["id"]!);
        (await caseworker.Post($"/api/cases/{caseId}/connections", Connect(Guid.NewGuid()))).ShouldBeProblem(409, "network-unknown");
        (await caseworker.Post($"/api/cases/{caseId}/connections",
            new { network = new { name = "buurtvaders", kind = "informal" }, participantIds = Array.Empty<Guid>(), purpose = "x" })).ShouldBeProblem(409, "network-retired");
        (await caseworker.Post($"/api/networks/{merged}/retire", new { reason = "x" })).ShouldBeProblem(409, "network-merged");
        (await caseworker.Post($"/api/networks/{kept}/merge", new { into = retired })).ShouldBeProblem(409, "network-retired");

        // A connection by the merged network's name counts for the one it was merged into.
        (await caseworker.Post($"/api/cases/{caseId}/connections",
            new { network = new { name = "Buurtvaders Slotermeer", kind = "informal" }, participantIds = Array.Empty<Guid>(), purpose = "x" })).ShouldBe(200);
        var connection = (await caseworker.Get($"/api/cases/{caseId}")).ShouldBe(200).Json["connections"]!.AsArray().Single()!;
        Assert.Equal(kept, (Guid)connection["networkId"]!);
        Assert.Equal(before + 1, await caseworker.CurrentVersion(caseId));
    }

    [Fact]
    public async Task A_merge_moves_every_connected_case_to_the_network_merged_into()
    {
        var caseworker = api.NewTenant(Roles.Caseworker, Roles.Manager);
        var duplicate = await caseworker.RegisterNetwork("Moskee Slotermeer vrouwengroep");
        var original = await caseworker.RegisterNetwork("Vrouwengroep Moskee Slotermeer");
        var (shared, parent) = await caseworker.CaseInPhase("strengthen");
        var (only, other) = await caseworker.CaseInPhase("engage");
        await caseworker.ConnectTo(shared, duplicate, parent);
        await caseworker.ConnectTo(shared, original, parent);
        await caseworker.ConnectTo(only, duplicate, other);

        (await caseworker.Post($"/api/networks/{duplicate}/merge", new { into = original })).ShouldBe(200);
        await api.Host.CatchUp();

        var networks = (await caseworker.Get("/api/networks?sort=name")).ShouldBe(200).Json["items"]!.AsArray().ToDictionary(n => (Guid)n!["id"]!);
        Assert.Equal(("merged", original, 0), ((string?)networks[duplicate]!["status"], (Guid)networks[duplicate]!["mergedInto"]!, (int)networks[duplicate]!["cases"]!));
        Assert.Equal((2, 2, 3), ((int)networks[original]!["cases"]!, (int)networks[original]!["participants"]!, (int)networks[original]!["connections"]!));
        var active = (await caseworker.Get("/api/networks?status=active")).ShouldBe(200).Json["items"]!.AsArray();
        Assert.DoesNotContain(duplicate, active.Select(n => (Guid)n!["id"]!));
        Assert.All(active, n => Assert.Equal("active", (string?)n!["status"]));
        // Its name is free again, and a connection by it goes to the network it was merged into.
        (await caseworker.Post($"/api/cases/{only}/connections",
            new { network = new { name = "Moskee Slotermeer Vrouwengroep", kind = "faith" }, participantIds = Array.Empty<Guid>(), purpose = "x" })).ShouldBe(200);
        Assert.Equal(original, (Guid)(await caseworker.Get($"/api/cases/{only}")).Json["connections"]!.AsArray()[^1]!["networkId"]!);
    }

    [Fact]
    public async Task The_list_filters_by_neighbourhood_district_kind_status_and_text_and_pages()
    {
        var caseworker = api.NewTenant(Roles.Caseworker, Roles.Manager);
        var mosque = await caseworker.RegisterNetwork();
        var club = await caseworker.RegisterNetwork("Sportclub Geuzenveld", "sports-club", NetworkScenarios.Geuzenveld);
        var caseId = await caseworker.OpenCase(Scenarios.NewCase(code: "F76", name: "Geuzenveld"));
        await caseworker.ConnectTo(caseId, mosque);
        await api.Host.CatchUp();

        async Task<Guid[]> Ids(string query) =>
            (await caseworker.Get("/api/networks?" + query)).ShouldBe(200).Json["items"]!.AsArray().Select(n => (Guid)n!["id"]!).ToArray();
        Assert.Equal([mosque], await Ids("neighbourhood=E38"));
        Assert.Equal([mosque, club], await Ids("neighbourhood=F76&sort=-cases")); // the mosque reaches Geuzenveld through its case
        Assert.Equal([club, mosque], await Ids("district=Nieuw-West&sort=name"));
        Assert.Equal([club], await Ids("kind=sports-club"));
        Assert.Equal([mosque, club], await Ids("q=moskee&sort=-cases")); // the club's organisation is the mosque too
        Assert.Equal([mosque], await Ids("q=VROUWENGRÓEP moskee"));
        Assert.Empty(await Ids("status=retired"));
        var page = (await caseworker.Get("/api/networks?pageSize=1&page=2&sort=name")).ShouldBe(200).Json;
        Assert.Equal((2, 1, 2L), ((int)page["page"]!, (int)page["pageSize"]!, (long)page["total"]!));
        Assert.Equal(mosque, (Guid)page["items"]![0]!["id"]!);
        var pastTheEnd = (await caseworker.Get("/api/networks?pageSize=1&page=3&sort=name")).ShouldBe(200).Json;
        Assert.Equal((0, 2L), (pastTheEnd["items"]!.AsArray().Count, (long)pastTheEnd["total"]!)); // counted beside the page, not from its rows
    }
}
