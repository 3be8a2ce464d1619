using System.Text.Json;
using Marten;
using Participation.Domain.Cases;
using Participation.Host.Audit.History;
using Participation.Host.Security;
using Participation.Host.Tests.Support;
using Participation.Projections.Cases;

namespace Participation.Host.Tests.Audit;

[Collection(ApiCollection.Name)]
public class HistoryTests(ApiFixture api)
{
    [Fact]
    public async Task The_history_lists_every_event_in_order_with_its_actor_and_stable_type()
    {
        var caseworker = api.NewTenant(Roles.Caseworker);
        var (caseId, _) = await caseworker.CaseInPhase("connect");
        var auditor = caseworker.WithRoles(Roles.Auditor);

        var history = (await auditor.Get($"/api/cases/{caseId}/history")).ShouldBe(200).Json.AsArray();

        Assert.Equal(["case_opened", "participant_joined", "contact_moment_recorded", "strength_recorded",
            "network_connected", "phase_changed", "phase_changed"], history.Select(e => (string)e!["type"]!));
        Assert.Equal(Enumerable.Range(1, 7).Select(v => (long)v), history.Select(e => (long)e!["version"]!));
        var sequences = history.Select(e => (long)e!["sequence"]!).ToList();
        Assert.Equal(sequences.Order(), sequences);
        Assert.All(history, e =>
        {
            Assert.Equal("anna", (string?)e!["user"]);
            Assert.False(string.IsNullOrEmpty((string?)e["correlationId"]));
            Assert.True((DateTimeOffset)e["timestamp"]! > DateTimeOffset.UtcNow.AddMinutes(-5));
        });
        Assert.Equal("connect", (string?)history[6]!["data"]!["to"]);
    }

    [Fact]
    public async Task The_state_at_each_version_and_time_is_the_case_as_it_was_then()
    {
        var caseworker = api.NewTenant(Roles.Caseworker);
        var (caseId, _) = await caseworker.CaseInPhase("connect");
        (await caseworker.Post($"/api/cases/{caseId}/close", new { outcome = "achieved", summary = "Klaar" })).ShouldBe(200);
        var auditor = caseworker.WithRoles(Roles.Auditor);
        var history = (await auditor.Get($"/api/cases/{caseId}/history")).ShouldBe(200).Json.AsArray();

        var atOne = (await auditor.Get($"/api/cases/{caseId}/state?version=1")).ShouldBe(200).Json;
        Assert.Equal(1, (long)atOne["version"]!);
        Assert.Equal("engage", (string?)atOne["phase"]);
        Assert.Empty(atOne["participants"]!.AsArray());

        var atSix = (await auditor.Get($"/api/cases/{caseId}/state?version=6")).ShouldBe(200).Json;
        Assert.Equal("strengthen", (string?)atSix["phase"]);
        Assert.Single(atSix["contacts"]!.AsArray());

        var now = (await auditor.Get($"/api/cases/{caseId}/state")).ShouldBe(200).Json;
        Assert.Equal((await auditor.Get($"/api/cases/{caseId}")).Json.ToJsonString(), now.ToJsonString());

        var fourthAt = Uri.EscapeDataString(((DateTimeOffset)history[3]!["timestamp"]!).ToString("O"));
        var atFourth = (await auditor.Get($"/api/cases/{caseId}/state?at={fourthAt}")).ShouldBe(200).Json;
        Assert.Equal(4, (long)atFourth["version"]!);
        Assert.Single(atFourth["strengths"]!.AsArray());
        Assert.Equal("open", (string?)atFourth["status"]);
    }

    [Fact]
    public async Task The_narrow_replay_gives_the_same_state_as_marten_at_every_version_of_every_event_type()
    {
        var caseworker = api.NewTenant(Roles.Caseworker);
        var (caseId, parent) = await caseworker.CaseInPhase("connect");
        var neighbour = await caseworker.AddParticipant(caseId, role: "volunteer", displayName: "Kees de Vries");
        var agreement = (Guid)(await caseworker.Post($"/api/cases/{caseId}/agreements", new { parties = new[] { parent, neighbour }, gives = "Oppassen" }))
            .ShouldBe(200).Json["agreementId"]!;
        (await caseworker.Post($"/api/cases/{caseId}/agreements/{agreement}/fulfil", new { note = "Gedaan" })).ShouldBe(200);
        var broken = (Guid)(await caseworker.Post($"/api/cases/{caseId}/agreements", new { parties = new[] { parent }, gives = "Koken" }))
            .ShouldBe(200).Json["agreementId"]!;
        (await caseworker.Post($"/api/cases/{caseId}/agreements/{broken}/break", new { note = "Niet gedaan" })).ShouldBe(200);
        (await caseworker.Post($"/api/cases/{caseId}/assign", new { owner = "piet" })).ShouldBe(200);
        (await caseworker.Post($"/api/cases/{caseId}/participants/{neighbour}/leave", new { reason = "Verhuisd" })).ShouldBe(200);
        (await caseworker.Post($"/api/cases/{caseId}/close", new { outcome = "achieved", summary = "Klaar" })).ShouldBe(200);
        (await caseworker.Post($"/api/cases/{caseId}/reopen", new { reason = "Nieuwe vraag" })).ShouldBe(200);
        (await caseworker.Post($"/api/cases/{caseId}/suspend", new { reason = "Op vakantie" })).ShouldBe(200);
        (await caseworker.Post($"/api/cases/{caseId}/resume", new { note = "Terug" })).ShouldBe(200);
        // An agreement made after the day it was due: the timer records it late and three times late at once.
        (await caseworker.Post($"/api/cases/{caseId}/agreements",
            new { parties = new[] { parent }, gives = "Bellen", dueOn = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1) })).ShouldBe(200);
        // The host's own timers may have recorded it already; after this check it is recorded either way.
        await api.Host.Services.GetRequiredService<Participation.Host.FollowUp.Timers.OverdueCheck>().CheckAsync(caseworker.Tenant, caseId, CancellationToken.None);
        (await caseworker.Post($"/api/cases/{caseId}/measurements", new
        {
            participantId = parent, moment = "intake", measuredOn = DateOnly.FromDateTime(DateTime.UtcNow),
            domains = new[] { new { domain = "time-use", level = 3, ownShare = 70, networkShare = 30, professionalShare = 0 } },
        })).ShouldBe(200);
        (await caseworker.WithRoles(Roles.Admin).Post($"/api/cases/{caseId}/participants/{parent}/erase", new { })).ShouldBe(200);

        var replay = api.Host.Services.GetRequiredService<CaseReplay>();
        var store = api.Host.Services.GetRequiredService<IDocumentStore>();
        await using var session = store.QuerySession(caseworker.Tenant);
        var latest = (await session.Events.FetchStreamStateAsync(caseId))!.Version;
        var types = (await session.Events.FetchStreamAsync(caseId)).Select(e => e.EventTypeName).ToHashSet();
        Assert.Equal(CaseEventTypes.Names.Order(), types.Order());

        Assert.True(replay.ReadsStoredEventsDirectly);
        for (var version = 1L; version <= latest; version++)
        {
            var marten = (await session.Events.AggregateStreamAsync<CaseDetails>(caseId, version))?.AsRead(caseworker.Tenant);
            var narrow = await replay.StateAsync(caseworker.Tenant, caseId, version, null, CancellationToken.None);
            Assert.Equal(JsonSerializer.Serialize(marten), JsonSerializer.Serialize(narrow));
        }
        var now = DateTimeOffset.UtcNow;
        Assert.Equal(JsonSerializer.Serialize((await session.Events.AggregateStreamAsync<CaseDetails>(caseId, timestamp: now))?.AsRead(caseworker.Tenant)),
            JsonSerializer.Serialize(await replay.StateAsync(caseworker.Tenant, caseId, null, now, CancellationToken.None)));
        Assert.Null(await replay.StateAsync(caseworker.Tenant, caseId, null, now.AddYears(-1), CancellationToken.None));
        Assert.Null(await replay.StateAsync(api.NewTenant().Tenant, caseId, null, null, CancellationToken.None));
    }

    [Fact]
    public async Task Asking_for_a_version_beyond_the_stream_or_a_time_before_it_is_a_clear_problem()
    {
        var caseworker = api.NewTenant(Roles.Caseworker);
        var caseId = await caseworker.OpenCase();
        var auditor = caseworker.WithRoles(Roles.Auditor);

        (await auditor.Get($"/api/cases/{caseId}/state?version=9")).ShouldBeProblem(404);
        (await auditor.Get($"/api/cases/{caseId}/state?version=0")).ShouldBeProblem(400);
        (await auditor.Get($"/api/cases/{caseId}/state?at=2001-01-01T00:00:00Z")).ShouldBeProblem(404);
        (await auditor.Get($"/api/cases/{caseId}/state?version=1&at=2001-01-01T00:00:00Z")).ShouldBeProblem(400);
        (await auditor.Get($"/api/cases/{caseId}/state?version=abc")).ShouldBeProblem(400);
    }

    [Fact]
    public async Task Only_auditors_and_admins_read_histories_and_other_tenants_see_nothing()
    {
        var caseworker = api.NewTenant(Roles.Caseworker);
        var caseId = await caseworker.OpenCase();

        (await caseworker.WithRoles(Roles.Manager).Get($"/api/cases/{caseId}/history")).ShouldBeProblem(403);
        (await caseworker.WithRoles(Roles.Caseworker).Get($"/api/cases/{caseId}/state?version=1")).ShouldBeProblem(403);
        (await caseworker.WithRoles(Roles.Admin).Get($"/api/cases/{caseId}/history")).ShouldBe(200);

        var otherAuditor = api.NewTenant(Roles.Auditor);
        (await otherAuditor.Get($"/api/cases/{caseId}/history")).ShouldBeProblem(404);
        (await otherAuditor.Get($"/api/cases/{caseId}/state?version=1")).ShouldBeProblem(404);
        (await otherAuditor.Get($"/api/cases/{caseId}/state")).ShouldBeProblem(404);
    }
}
