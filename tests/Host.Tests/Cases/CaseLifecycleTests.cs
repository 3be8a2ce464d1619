using Participation.Host.Tests.Support;

namespace Participation.Host.Tests.Cases;

[Collection(ApiCollection.Name)]
public class CaseLifecycleTests(ApiFixture api)
{
    [Fact]
    public async Task Opening_a_case_answers_201_with_location_etag_and_the_case_in_engage()
    {
        var caller = api.NewTenant();
        var opened = (await caller.Post("/api/cases", Scenarios.NewCase(domain: "jeugdzorg"))).ShouldBe(201);
        var id = (Guid)opened.Json["id"]!;
        Assert.Equal($"/api/cases/{id}", opened.Location);
        Assert.Equal("\"1\"", opened.ETag);
        Assert.Equal(1, opened.Version);

        var state = (await caller.Get(opened.Location!)).ShouldBe(200);
        Assert.Equal("\"1\"", state.ETag);
        var json = state.Json;
        Assert.Equal("jeugdzorg", (string?)json["domain"]);
        Assert.Equal("engage", (string?)json["phase"]);
        Assert.Equal("open", (string?)json["status"]);
        Assert.Equal("E38", (string?)json["neighbourhood"]!["code"]);
        Assert.Equal("anna", (string?)json["openedBy"]);
        var openedAt = (DateTimeOffset)json["openedAt"]!;
        Assert.True(openedAt > DateTimeOffset.UtcNow.AddMinutes(-5) && openedAt <= DateTimeOffset.UtcNow.AddMinutes(1), $"openedAt {openedAt} is not the server's now");
    }

    [Fact]
    public async Task A_case_runs_its_whole_lifecycle_and_the_state_shows_every_part()
    {
        var caller = api.NewTenant();
        var caseId = await caller.OpenCase();
        var mother = await caller.AddParticipant(caseId, "parent", "Fatima");
        var shopkeeper = await caller.AddParticipant(caseId, "volunteer", "Henk");
        var contact = await caller.RecordContact(caseId, mother, shopkeeper);
        await caller.ChangePhase(caseId, "strengthen");
        var strength = await caller.RecordStrength(caseId, shopkeeper);
        await caller.ChangePhase(caseId, "connect");
        var connection = await caller.Connect(caseId, mother, shopkeeper);
        var agreement = (Guid)(await caller.Post($"/api/cases/{caseId}/agreements",
            new { parties = new[] { mother, shopkeeper }, gives = "Klusjes in de winkels", receives = "Een klein fonds", dueOn = "2027-03-01" })).ShouldBe(200).Json["agreementId"]!;
        (await caller.Post($"/api/cases/{caseId}/agreements/{agreement}/fulfil", new { note = "Fonds uitgekeerd" })).ShouldBe(200);
        (await caller.Post($"/api/cases/{caseId}/assign", new { owner = "piet" })).ShouldBe(200);
        (await caller.Post($"/api/cases/{caseId}/participants/{shopkeeper}/leave", new { reason = "Verhuisd" })).ShouldBe(200);
        var closed = (await caller.Post($"/api/cases/{caseId}/close", new { outcome = "achieved", summary = "Moeder schuldenvrij" })).ShouldBe(200);

        Assert.Equal(13, closed.Version);
        Assert.Equal("\"13\"", closed.ETag);
        var state = (await caller.Get($"/api/cases/{caseId}")).ShouldBe(200).Json;
        Assert.Equal(13, (long)state["version"]!);
        Assert.Equal("closed", (string?)state["status"]);
        Assert.Equal("achieved", (string?)state["outcome"]);
        Assert.Equal("connect", (string?)state["phase"]);
        Assert.Equal("piet", (string?)state["owner"]);
        var participants = state["participants"]!.AsArray();
        Assert.Equal(2, participants.Count);
        Assert.Contains(participants, p => (Guid)p!["participantId"]! == shopkeeper && !(bool)p["active"]! && (string?)p["role"] == "volunteer");
        Assert.Contains(participants, p => (Guid)p!["participantId"]! == mother && (bool)p["active"]! && (string?)p["contact"]!["phone"] == "06-12345678");
        Assert.Equal(contact, (Guid)state["contacts"]![0]!["contactId"]!);
        Assert.Equal("home-visit", (string?)state["contacts"]![0]!["kind"]);
        Assert.Equal(strength, (Guid)state["strengths"]![0]!["strengthId"]!);
        Assert.Equal(connection, (Guid)state["connections"]![0]!["connectionId"]!);
        Assert.Equal("business", (string?)state["connections"]![0]!["network"]!["kind"]);
        Assert.Equal("fulfilled", (string?)state["agreements"]![0]!["status"]);
        Assert.Equal("2027-03-01", (string?)state["agreements"]![0]!["dueOn"]);

        var reopened = (await caller.Post($"/api/cases/{caseId}/reopen", new { reason = "Nieuwe vraag" })).ShouldBe(200);
        Assert.Equal(14, reopened.Version);
        Assert.Equal("open", (string?)(await caller.Get($"/api/cases/{caseId}")).Json["status"]);
    }

    [Fact]
    public async Task A_client_chosen_participant_id_is_kept_and_adding_it_again_changes_nothing()
    {
        var caller = api.NewTenant();
        var caseId = await caller.OpenCase();
        var participantId = Guid.NewGuid();
        var body = new { participantId, role = "youth", displayName = "Sami" };

        var first = (await caller.Post($"/api/cases/{caseId}/participants", body)).ShouldBe(200);
        var again = (await caller.Post($"/api/cases/{caseId}/participants", body)).ShouldBe(200);

        Assert.Equal(participantId, (Guid)first.Json["participantId"]!);
        Assert.Equal(2, first.Version);
        Assert.Equal(2, again.Version);
        Assert.Equal(2, await caller.CurrentVersion(caseId));
    }

    [Theory]
    [InlineData("assign", "{\"owner\":\"anna\"}")]
    [InlineData("phase", "{\"to\":\"engage\"}")]
    [InlineData("reopen", "{\"reason\":\"nog open\"}")]
    public async Task A_command_asking_for_the_state_the_case_already_has_appends_nothing(string route, string body)
    {
        var caller = api.NewTenant();
        var caseId = await caller.OpenCase();
        (await caller.Post($"/api/cases/{caseId}/assign", new { owner = "anna" })).ShouldBe(200);

        var answer = (await caller.PostRaw($"/api/cases/{caseId}/{route}", body)).ShouldBe(200);

        Assert.Equal(2, answer.Version);
        Assert.Equal(2, await caller.CurrentVersion(caseId));
    }

    [Fact]
    public async Task Settling_an_agreement_twice_the_same_way_is_a_no_op_and_the_other_way_a_conflict()
    {
        var caller = api.NewTenant();
        var (caseId, parent) = await caller.CaseInPhase("engage");
        var agreement = (Guid)(await caller.Post($"/api/cases/{caseId}/agreements", new { parties = new[] { parent }, gives = "Oppassen" })).ShouldBe(200).Json["agreementId"]!;
        var broken = (await caller.Post($"/api/cases/{caseId}/agreements/{agreement}/break", new { note = "Niet gelukt" })).ShouldBe(200).Version;

        Assert.Equal(broken, (await caller.Post($"/api/cases/{caseId}/agreements/{agreement}/break", new { note = "Niet gelukt" })).ShouldBe(200).Version);
        (await caller.Post($"/api/cases/{caseId}/agreements/{agreement}/fulfil", new { note = "toch" })).ShouldBeProblem(409, "agreement-settled");
        (await caller.Post($"/api/cases/{caseId}/agreements/{Guid.NewGuid()}/fulfil", new { note = "?" })).ShouldBeProblem(404);
        Assert.Equal(broken, await caller.CurrentVersion(caseId));
    }
}
