using System.Text.Json.Serialization;

namespace Participation.Domain.FollowUp;

/// <summary>What a deadline of a case is about (API.md, follow-up).</summary>
public enum FollowUpKind
{
    /// <summary>Time since the last contact moment (or the opening or reopening, when later).</summary>
    Contact,

    /// <summary>Time in the current phase.</summary>
    Phase,

    /// <summary>An open agreement's <c>dueOn</c>.</summary>
    Agreement,

    /// <summary>A resident measured longer ago than the tenant's <c>remeasureAfterDays</c>.</summary>
    Measurement,
}

/// <summary>How late a deadline is: past it, or past three times the norm's span.</summary>
public enum OverdueLevel
{
    Late,
    [JsonStringEnumMemberName("late-3x")] LateThreeTimes,
}

/// <summary>A deadline's standing at a moment: the contract's <c>on-time</c>, <c>late</c>, <c>late-3x</c>.</summary>
public enum Punctuality
{
    OnTime,
    Late,
    [JsonStringEnumMemberName("late-3x")] LateThreeTimes,
}
