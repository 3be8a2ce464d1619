using System.Diagnostics.Metrics;
using Participation.Host.FollowUp.Timers;
using Participation.Host.Tests.Support;

namespace Participation.Host.Tests.FollowUp;

/// <summary>The deadlines a case shows, how they move, and what the timers record when they pass (the clock is the fixture's).</summary>
[Collection(FollowUpCollection.Name)]
public sealed class DeadlinesTests(FollowUpFixture api)
{
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);

    [Fact]
    public async Task A_new_case_must_be_contacted_within_30_days_then_it_is_late_and_at_90_days_three_times_late()
    {
        var caseworker = api.NewStory();
        var caseId = await caseworker.OpenCase();
        var contact = await caseworker.Deadline(caseId, "contact");
        Assert.Equal(api.Start.AddDays(30), (DateTimeOffset)contact["dueAt"]!);
        Assert.Equal("on-time", (string?)contact["status"]);
        Assert.Null(contact["ref"]);

        api.Clock.Advance(31 * Day);
        Assert.Equal("late", (string?)(await caseworker.Deadline(caseId, "contact"))["status"]);
        api.Clock.Advance(60 * Day);
        Assert.Equal("late-3x", (string?)(await caseworker.Deadline(caseId, "contact"))["status"]);
    }

    [Fact]
    public async Task A_passed_deadline_is_recorded_once_per_level_by_the_system_however_often_the_timers_run()
    {
        var caseworker = api.NewStory();
        var caseId = await caseworker.OpenCase();
        api.Clock.Advance(30 * Day + TimeSpan.FromMinutes(1));
        await api.CheckTimers();
        await api.CheckTimers();
        var late = Assert.Single(await caseworker.Overdue(caseId));
        Assert.Equal("system", (string?)late["user"]);
        Assert.Equal("contact", (string?)late["data"]!["kind"]);
        Assert.Equal("late", (string?)late["data"]!["level"]);
        Assert.Equal(api.Start.AddDays(30), (DateTimeOffset)late["data"]!["dueAt"]!);

        api.Clock.Advance(60 * Day);
        await api.CheckTimers();
        await api.CheckTimers();
        var levels = (await caseworker.Overdue(caseId)).Select(e => (string?)e["data"]!["level"]).ToList();
        Assert.Equal(["late", "late-3x"], levels);
    }

    [Fact]
    public async Task A_case_whose_deadline_cannot_be_recorded_is_counted_and_logged_and_holds_up_no_other_case()
    {
        var caseworker = api.NewStory();
        var broken = await caseworker.OpenCase();
        var sound = await caseworker.OpenCase();
        // A decision state that no longer reads (say, written by a version that knew a status this one does not).
        await Sql.ExecuteAsync($"update {api.Schema}.mt_doc_case set data = jsonb_set(data, '{{status}}', '\"Nonsense\"') where id = '{broken}'");
        using var listener = new MeterListener();
        long failures = 0;
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument is { Meter.Name: OverdueCheck.MeterName, Name: "participation.follow_up.check_failures" }) l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref failures, value));
        listener.Start();
        api.Clock.Advance(30 * Day + TimeSpan.FromMinutes(1));

        await api.CheckTimers();

        Assert.Single(await caseworker.Overdue(sound));
        Assert.Empty(await caseworker.Overdue(broken));
        Assert.True(Interlocked.Read(ref failures) >= 1);
    }

    [Fact]
    public async Task A_deadline_met_in_time_records_nothing_and_the_next_one_counts_from_the_contact()
    {
        var caseworker = api.NewStory();
        var caseId = await caseworker.OpenCase();
        var parent = await caseworker.AddParticipant(caseId);
        api.Clock.Advance(20 * Day);
        var occurredAt = api.Clock.GetUtcNow().AddHours(-1);
        (await caseworker.Post($"/api/cases/{caseId}/contacts", new { occurredAt, kind = "phone", participantIds = new[] { parent }, summary = "Gebeld" }))
            .ShouldBe(200);
        api.Clock.Advance(15 * Day);
        await api.CheckTimers();
        Assert.Empty(await caseworker.Overdue(caseId));
        var contact = await caseworker.Deadline(caseId, "contact");
        Assert.Equal(occurredAt.AddDays(30), (DateTimeOffset)contact["dueAt"]!);
        Assert.Equal("on-time", (string?)contact["status"]);
    }

    [Fact]
    public async Task Changing_the_norms_moves_the_deadlines_of_open_cases_and_the_most_specific_norm_applies()
    {
        var admin = api.NewStory();
        var sport = await admin.OpenCase(Scenarios.NewCase(domain: "sport"));
        var youth = await admin.OpenCase(Scenarios.NewCase(domain: "jeugdzorg"));
        (await admin.PutNorms(new
        {
            norms = new object[]
            {
                new { domain = "*", phase = "*", maxDaysWithoutContact = 20 },
                new { domain = "jeugdzorg", phase = "*", maxDaysWithoutContact = 7 },
                new { domain = "jeugdzorg", phase = "engage", maxDaysInPhase = 10, dayKind = "working" },
            },
        })).ShouldBe(200);
        Assert.Equal(api.Start.AddDays(20), (DateTimeOffset)(await admin.Deadline(sport, "contact"))["dueAt"]!);
        Assert.Equal(api.Start.AddDays(7), (DateTimeOffset)(await admin.Deadline(youth, "contact"))["dueAt"]!);
        var phaseDue = (DateTimeOffset)(await admin.Deadline(youth, "phase"))["dueAt"]!;
        var start = DateOnly.FromDateTime(api.Start.UtcDateTime);
        Assert.Equal(Participation.Domain.FollowUp.WorkingDays.After(start, 10, Participation.Domain.FollowUp.DayCount.Working),
            DateOnly.FromDateTime(phaseDue.UtcDateTime));
        Assert.DoesNotContain(await admin.FollowUp(sport), d => (string?)d!["kind"] == "phase");

        // The timer moved with the norms: at day 8 the youth case is late, the sport case is not.
        api.Clock.Advance(8 * Day);
        await api.CheckTimers();
        Assert.Single(await admin.Overdue(youth));
        Assert.Empty(await admin.Overdue(sport));
    }

    [Fact]
    public async Task An_agreement_is_due_at_the_end_of_its_day_and_a_fulfilled_one_is_not_due_at_all()
    {
        var caseworker = api.NewStory();
        var caseId = await caseworker.OpenCase();
        var parent = await caseworker.AddParticipant(caseId);
        var dueOn = DateOnly.FromDateTime(api.Start.UtcDateTime).AddDays(10);
        var open = (Guid)(await caseworker.Post($"/api/cases/{caseId}/agreements", new { parties = new[] { parent }, gives = "Kookt", dueOn })).ShouldBe(200).Json["agreementId"]!;
        var kept = (Guid)(await caseworker.Post($"/api/cases/{caseId}/agreements", new { parties = new[] { parent }, gives = "Helpt", dueOn })).ShouldBe(200).Json["agreementId"]!;
        (await caseworker.Post($"/api/cases/{caseId}/agreements/{kept}/fulfil", new { note = "Gedaan" })).ShouldBe(200);

        var agreement = await caseworker.Deadline(caseId, "agreement", open);
        Assert.Equal(new DateTimeOffset(dueOn.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), (DateTimeOffset)agreement["dueAt"]!);
        Assert.Single(await caseworker.FollowUp(caseId), d => (string?)d!["kind"] == "agreement");

        api.Clock.Advance(12 * Day);
        await api.CheckTimers();
        var overdue = Assert.Single(await caseworker.Overdue(caseId));
        Assert.Equal(open, (Guid)overdue["data"]!["ref"]!);
    }

    [Fact]
    public async Task A_resident_is_measured_again_after_the_norms_span()
    {
        var admin = api.NewStory();
        (await admin.PutNorms(new { norms = new[] { new { domain = "*", phase = "*", maxDaysWithoutContact = 300 } }, remeasureAfterDays = 60 })).ShouldBe(200);
        var caseId = await admin.OpenCase();
        var parent = await admin.AddParticipant(caseId);
        var measuredOn = DateOnly.FromDateTime(api.Start.UtcDateTime);
        (await admin.Post($"/api/cases/{caseId}/measurements", new
        {
            participantId = parent, moment = "intake", measuredOn,
            domains = new[] { new { domain = "time-use", level = 3, ownShare = 70, networkShare = 30, professionalShare = 0 } },
        })).ShouldBe(200);
        var due = await admin.Deadline(caseId, "measurement", parent);
        Assert.Equal(new DateTimeOffset(measuredOn.AddDays(60).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), (DateTimeOffset)due["dueAt"]!);
    }

    [Fact]
    public async Task Time_travel_shows_the_deadlines_as_they_were_under_the_norms_of_the_time()
    {
        var admin = api.NewStory();
        var caseId = await admin.OpenCase();
        api.Clock.Advance(Day);
        (await admin.PutNorms(new { norms = new[] { new { domain = "*", phase = "*", maxDaysWithoutContact = 10 } } })).ShouldBe(200);
        api.Clock.Advance(Day);
        var version = (await admin.Post($"/api/cases/{caseId}/assign", new { owner = "anna" })).ShouldBe(200).Version;

        var first = (await admin.Get($"/api/cases/{caseId}/state?version=1")).ShouldBe(200).Json["followUp"]!.AsArray();
        Assert.Equal(api.Start.AddDays(30), (DateTimeOffset)first.Single(d => (string?)d!["kind"] == "contact")!["dueAt"]!);
        var later = (await admin.Get($"/api/cases/{caseId}/state?version={version}")).ShouldBe(200).Json["followUp"]!.AsArray();
        Assert.Equal(api.Start.AddDays(10), (DateTimeOffset)later.Single(d => (string?)d!["kind"] == "contact")!["dueAt"]!);
    }
}
