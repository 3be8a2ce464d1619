namespace Participation.Domain.FollowUp;

/// <summary>
/// One follow-up deadline of a case: due at <see cref="DueAt"/>, three times late at <see cref="LateThreeTimesAt"/> (three
/// times the norm's span after the same start), both already moved by every suspension.
/// </summary>
public sealed record Deadline(FollowUpKind Kind, Guid? Ref, DateTimeOffset DueAt, DateTimeOffset LateThreeTimesAt)
{
    public Punctuality StatusAt(DateTimeOffset now) =>
        now >= LateThreeTimesAt ? Punctuality.LateThreeTimes : now >= DueAt ? Punctuality.Late : Punctuality.OnTime;

    /// <summary>The moment a level is reached.</summary>
    public DateTimeOffset At(OverdueLevel level) => level == OverdueLevel.Late ? DueAt : LateThreeTimesAt;

    public string KeyOf(OverdueLevel level) => OverdueKey.Of(Kind, Ref, DueAt, level);
}
