using Participation.Domain.Cases;

namespace Participation.Domain.FollowUp;

/// <summary>
/// The follow-up deadlines of a case under a tenant's norms, as they stand at a moment: a pure function of the case's
/// state, the norms and the clock, so the current state, time travel, the timers and the worklist all count alike.
/// </summary>
public static class Deadlines
{
    /// <summary>
    /// The deadlines of an open case at <paramref name="now"/>; none for a closed one. A running suspension counts as if it
    /// ended now: the clocks stood still until now, so each deadline still running when it began has moved by that long.
    /// </summary>
    public static IReadOnlyList<Deadline> Of(Case state, TenantNorms norms, DateTimeOffset now)
    {
        if (state.Status == CaseStatus.Closed) return [];
        var spells = state.Suspended is { } running ? state.Suspensions.Add(running with { Until = now > running.Since ? now : running.Since }) : state.Suspensions;
        var deadlines = new List<Deadline>();

        // A state stored before deadlines existed has no start to count from (ADR 28: rebuild it); it has no such deadline until then.
        if (norms.MaxDaysWithoutContact(state.Domain, state.Phase) is var (contactDays, contactCount) && state.QuietSince != default)
            deadlines.Add(Counted(FollowUpKind.Contact, null, state.QuietSince, contactDays, contactCount, spells));
        if (norms.MaxDaysInPhase(state.Domain, state.Phase) is var (phaseDays, phaseCount) && state.PhaseSince != default)
            deadlines.Add(Counted(FollowUpKind.Phase, null, state.PhaseSince, phaseDays, phaseCount, spells));

        foreach (var (id, agreement) in state.Agreements.OrderBy(a => a.Value.MadeAt).ThenBy(a => a.Key))
        {
            if (agreement.Status != AgreementStatus.Open || agreement.DueOn is not { } dueOn) continue;
            // Due at the end of its day (UTC); three times late when three times its span from the making has passed.
            var due = StartOf(dueOn.AddDays(1));
            var span = due > agreement.MadeAt ? due - agreement.MadeAt : TimeSpan.Zero;
            deadlines.Add(new Deadline(FollowUpKind.Agreement, id, Moved(agreement.MadeAt, due, spells), Moved(agreement.MadeAt, agreement.MadeAt + 3 * span, spells)));
        }

        if (norms.RemeasureAfterDays is { } remeasure)
            foreach (var (participantId, measuredOn) in state.LastMeasuredOn.OrderBy(m => m.Value).ThenBy(m => m.Key))
            {
                if (!state.Participants.TryGetValue(participantId, out var participant) || !participant.Active || !participant.Role.IsMeasured()) continue;
                deadlines.Add(Counted(FollowUpKind.Measurement, participantId, StartOf(measuredOn), remeasure, DayCount.Calendar, spells));
            }
        return deadlines;
    }

    /// <summary>The overdue deadlines to record at <paramref name="now"/>: each level reached and not yet recorded. None while suspended or closed.</summary>
    public static IReadOnlyList<FollowUpOverdue> OverdueAt(Case state, TenantNorms norms, DateTimeOffset now, string recordedBy)
    {
        if (state.Suspended is not null) return [];
        return Of(state, norms, now)
            .SelectMany(d => Enum.GetValues<OverdueLevel>().Select(level => (Deadline: d, Level: level)))
            .Where(x => now >= x.Deadline.At(x.Level) && !state.OverdueRecorded.Contains(x.Deadline.KeyOf(x.Level)))
            .Select(x => new FollowUpOverdue(x.Deadline.Kind, x.Deadline.Ref, x.Deadline.DueAt, x.Level, recordedBy, now))
            .ToList();
    }

    /// <summary>When a deadline of the case next reaches a level not yet recorded: the moment its timer must fire. None while suspended or closed.</summary>
    public static DateTimeOffset? NextCheckAt(Case state, TenantNorms norms, DateTimeOffset now)
    {
        if (state.Suspended is not null) return null;
        return Of(state, norms, now)
            .SelectMany(d => Enum.GetValues<OverdueLevel>().Where(level => !state.OverdueRecorded.Contains(d.KeyOf(level))).Select(d.At))
            .Select(at => (DateTimeOffset?)at)
            .Min();
    }

    private static Deadline Counted(FollowUpKind kind, Guid? reference, DateTimeOffset start, int days, DayCount count, IReadOnlyList<Suspension> spells) =>
        new(kind, reference, Moved(start, After(start, days, count), spells), Moved(start, After(start, 3 * days, count), spells));

    /// <summary>The moment so many days after <paramref name="start"/>, at the same time of day; working days skip weekends and holidays.</summary>
    private static DateTimeOffset After(DateTimeOffset start, int days, DayCount count)
    {
        var from = DateOnly.FromDateTime(start.UtcDateTime);
        return start.AddDays(WorkingDays.After(from, days, count).DayNumber - from.DayNumber);
    }

    /// <summary>
    /// A deadline counted from <paramref name="start"/> moved by every suspension that began before it fell due (and ended
    /// after the start), by the part of it after the start: the clocks stood still that long.
    /// </summary>
    private static DateTimeOffset Moved(DateTimeOffset start, DateTimeOffset due, IReadOnlyList<Suspension> spells)
    {
        foreach (var spell in spells.OrderBy(s => s.Since))
        {
            var until = spell.Until ?? spell.Since;
            if (until <= start) continue;
            var since = spell.Since > start ? spell.Since : start;
            if (since >= due) break;
            due += until - since;
        }
        return due;
    }

    private static DateTimeOffset StartOf(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
}
