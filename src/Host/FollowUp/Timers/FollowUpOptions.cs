using System.ComponentModel.DataAnnotations;

namespace Participation.Host.FollowUp.Timers;

/// <summary>
/// How often each node looks for deadlines that fell due, and how many cases it takes at a time; up to how many matching
/// follow-ups the worklist's <c>total</c> is counted exactly (beyond, the planner's estimate answers, as the case list's).
/// </summary>
public sealed class FollowUpOptions
{
    public const string Section = "FollowUp";

    /// <summary>Below a minute, so a passed deadline is recorded within one (API.md).</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:00:50")]
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Whether this host checks timers at all: the seed's host does not (its clock tells a story).</summary>
    public bool Timers { get; set; } = true;

    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 500;

    /// <summary>How many due cases of a tenant are checked in one transaction (ADR 29): fewer commits, locks held a little longer.</summary>
    [Range(1, 500)]
    public int CasesPerTransaction { get; set; } = 20;

    [Range(1, 1_000_000)]
    public int WorklistExactTotalUpTo { get; set; } = 1_000;
}
