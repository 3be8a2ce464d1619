using Participation.Host.Tests.Support;

namespace Participation.Host.Tests.Cases;

/// <summary>The phase and closing rules of API.md, each broken over HTTP: 409 with its code, and nothing appended.</summary>
[Collection(ApiCollection.Name)]
public sealed class PhaseRuleTests(ApiFixture api)
{
    private static async Task ShouldBeRefused(Caller caller, Guid caseId, string route, object body, string code)
    {
        var before = await caller.CurrentVersion(caseId);
        var problem = (await caller.Post($"/api/cases/{caseId}/{route}", body)).ShouldBeProblem(409, code);
        problem.ShouldHaveCleanDetail();
        Assert.Equal(before, await caller.CurrentVersion(caseId));
    }

    [Fact]
    public async Task Strengthen_without_any_participant_needs_a_resident_participant()
    {
        var caller = api.NewTenant();
        var caseId = await caller.OpenCase();

        await ShouldBeRefused(caller, caseId, "phase", new { to = "strengthen" }, "needs-resident-participant");
        Assert.Equal("engage", (string?)(await caller.Get($"/api/cases/{caseId}")).Json["phase"]);
    }

    [Fact]
    public async Task Strengthen_with_only_a_professional_and_an_organisation_needs_a_resident_participant()
    {
        var caller = api.NewTenant();
        var caseId = await caller.OpenCase();
        var professional = await caller.AddParticipant(caseId, "professional", "Wijkcoach Ria");
        var organisation = await caller.AddParticipant(caseId, "organisation", "Buurthuis De Kolk");
        await caller.RecordContact(caseId, professional, organisation);

        await ShouldBeRefused(caller, caseId, "phase", new { to = "strengthen" }, "needs-resident-participant");
    }

    [Fact]
    public async Task Strengthen_after_the_only_resident_has_left_needs_a_resident_participant()
    {
        var caller = api.NewTenant();
        var caseId = await caller.OpenCase();
        var resident = await caller.AddParticipant(caseId, "resident", "Kees");
        await caller.AddParticipant(caseId, "professional", "Wijkcoach Ria");
        await caller.RecordContact(caseId, resident);
        (await caller.Post($"/api/cases/{caseId}/participants/{resident}/leave", new { reason = "Verhuisd" })).ShouldBe(200);

        await ShouldBeRefused(caller, caseId, "phase", new { to = "strengthen" }, "needs-resident-participant");
    }

    [Theory]
    [InlineData("resident")]
    [InlineData("parent")]
    [InlineData("youth")]
    [InlineData("volunteer")]
    public async Task Strengthen_with_a_resident_side_participant_but_no_contact_needs_a_contact_moment(string role)
    {
        var caller = api.NewTenant();
        var caseId = await caller.OpenCase();
        await caller.AddParticipant(caseId, role, "Bewoner");

        await ShouldBeRefused(caller, caseId, "phase", new { to = "strengthen" }, "needs-contact-moment");
    }

    [Fact]
    public async Task Connect_without_a_strength_needs_a_strength()
    {
        var caller = api.NewTenant();
        var caseId = await caller.OpenCase();
        var parent = await caller.AddParticipant(caseId);
        await caller.RecordContact(caseId, parent);
        await caller.ChangePhase(caseId, "strengthen");

        await ShouldBeRefused(caller, caseId, "phase", new { to = "connect" }, "needs-strength");
    }

    [Fact]
    public async Task Engage_straight_to_connect_skips_a_phase_even_when_the_case_is_ready_for_it()
    {
        var caller = api.NewTenant();
        var (caseId, _) = await caller.CaseInPhase("engage");

        await ShouldBeRefused(caller, caseId, "phase", new { to = "connect" }, "phase-skipped");
        await ShouldBeRefused(caller, caseId, "phase", new { to = "connect", reason = "Snel door" }, "phase-skipped");
    }

    [Theory]
    [InlineData("strengthen", "engage", null)]
    [InlineData("strengthen", "engage", "")]
    [InlineData("strengthen", "engage", "   ")]
    [InlineData("connect", "strengthen", null)]
    [InlineData("connect", "engage", null)]
    public async Task Moving_back_without_a_reason_needs_a_reason(string from, string to, string? reason)
    {
        var caller = api.NewTenant();
        var (caseId, _) = await caller.CaseInPhase(from);

        await ShouldBeRefused(caller, caseId, "phase", new { to, reason }, "reason-required");
        Assert.Equal(from, (string?)(await caller.Get($"/api/cases/{caseId}")).Json["phase"]);
    }

    [Theory]
    [InlineData("achieved")]
    [InlineData("partly-achieved")]
    [InlineData("not-achieved")]
    public async Task Closing_with_a_result_needs_a_connection(string outcome)
    {
        var caller = api.NewTenant();
        var caseId = await caller.OpenCase();
        var parent = await caller.AddParticipant(caseId);
        await caller.RecordContact(caseId, parent);
        await caller.RecordStrength(caseId, parent);

        await ShouldBeRefused(caller, caseId, "close", new { outcome, summary = "Klaar" }, "needs-connection");
        Assert.Equal("open", (string?)(await caller.Get($"/api/cases/{caseId}")).Json["status"]);
    }

    [Theory]
    [InlineData("stopped")]
    [InlineData("handed-over")]
    public async Task Stopping_or_handing_over_needs_no_connection(string outcome)
    {
        var caller = api.NewTenant();
        var caseId = await caller.OpenCase();

        var closed = (await caller.Post($"/api/cases/{caseId}/close", new { outcome, summary = "Overgedragen of gestopt" })).ShouldBe(200);

        Assert.Equal(2, closed.Version);
        var state = (await caller.Get($"/api/cases/{caseId}")).Json;
        Assert.Equal("closed", (string?)state["status"]);
        Assert.Equal(outcome, (string?)state["outcome"]);
    }

    [Fact]
    public async Task A_closed_case_refuses_every_command_but_reopen()
    {
        var caller = api.NewTenant();
        var (caseId, parent) = await caller.CaseInPhase("engage");
        var agreement = (Guid)(await caller.Post($"/api/cases/{caseId}/agreements", new { parties = new[] { parent }, gives = "Oppassen" }))
            .ShouldBe(200).Json["agreementId"]!;
        (await caller.Post($"/api/cases/{caseId}/assign", new { owner = "anna" })).ShouldBe(200);
        (await caller.Post($"/api/cases/{caseId}/close", new { outcome = "achieved", summary = "Gelukt" })).ShouldBe(200);

        var commands = new (string Route, object Body)[]
        {
            ("participants", new { role = "youth", displayName = "Sami" }),
            ("participants", new { participantId = parent, role = "parent", displayName = "Fatima Yilmaz" }),
            ($"participants/{parent}/leave", new { reason = "Verhuisd" }),
            ("contacts", new { occurredAt = DateTimeOffset.UtcNow.AddHours(-1), kind = "phone", participantIds = new[] { parent }, summary = "Gebeld" }),
            ("strengths", new { participantId = parent, category = "time", description = "Heeft tijd" }),
            ("connections", new { network = new { name = "Voetbalclub", kind = "sports-club" }, participantIds = new[] { parent }, purpose = "Trainen" }),
            ("agreements", new { parties = new[] { parent }, gives = "Koken" }),
            ($"agreements/{agreement}/fulfil", new { note = "Gedaan" }),
            ($"agreements/{agreement}/break", new { note = "Niet gedaan" }),
            ("assign", new { owner = "piet" }),
            ("assign", new { owner = "anna" }),
            ("phase", new { to = "strengthen" }),
            ("phase", new { to = "engage" }),
            ("close", new { outcome = "stopped", summary = "Nog eens" }),
        };
        foreach (var (route, body) in commands)
            await ShouldBeRefused(caller, caseId, route, body, "case-closed");

        var reopened = (await caller.Post($"/api/cases/{caseId}/reopen", new { reason = "Nieuwe vraag" })).ShouldBe(200);
        Assert.Equal("open", (string?)(await caller.Get($"/api/cases/{caseId}")).Json["status"]);
        (await caller.Post($"/api/cases/{caseId}/assign", new { owner = "piet" })).ShouldBe(200);
        Assert.Equal(reopened.Version + 1, await caller.CurrentVersion(caseId));
    }

    [Fact]
    public async Task A_case_moves_forward_one_phase_at_a_time_and_back_with_a_reason()
    {
        var caller = api.NewTenant();
        var caseId = await caller.OpenCase();
        var parent = await caller.AddParticipant(caseId, "resident", "Kees");
        await caller.RecordContact(caseId, parent);
        await caller.RecordStrength(caseId, parent);
        var before = await caller.CurrentVersion(caseId);

        var strengthen = (await caller.Post($"/api/cases/{caseId}/phase", new { to = "strengthen" })).ShouldBe(200);
        Assert.Equal(before + 1, strengthen.Version);
        Assert.Equal($"\"{before + 1}\"", strengthen.ETag);
        Assert.Equal("strengthen", (string?)(await caller.Get($"/api/cases/{caseId}")).Json["phase"]);

        Assert.Equal(before + 2, await caller.ChangePhase(caseId, "connect"));
        Assert.Equal("connect", (string?)(await caller.Get($"/api/cases/{caseId}")).Json["phase"]);

        Assert.Equal(before + 3, await caller.ChangePhase(caseId, "strengthen", "Netwerk viel weg"));
        var state = (await caller.Get($"/api/cases/{caseId}")).ShouldBe(200);
        Assert.Equal("strengthen", (string?)state.Json["phase"]);
        Assert.Equal($"\"{before + 3}\"", state.ETag);

        Assert.Equal(before + 4, await caller.ChangePhase(caseId, "engage", "Opnieuw kennismaken"));
        Assert.Equal("engage", (string?)(await caller.Get($"/api/cases/{caseId}")).Json["phase"]);

        Assert.Equal(before + 5, await caller.ChangePhase(caseId, "strengthen"));
    }
}
