using Participation.Domain.Cases;

namespace Participation.Projections.Progress;

/// <summary>
/// What progress figures need of one case, and nothing personal: where and what it is, where it
/// stands, the time it spent in each phase, when it was last in contact and its open agreements.
/// Kept per case by an async projection; the dashboard and network figures aggregate these.
/// </summary>
public sealed class CaseProgress
{
    public Guid Id { get; set; }
    public CaseDomain Domain { get; set; }
    public Neighbourhood Neighbourhood { get; set; } = null!;
    public CasePhase Phase { get; set; }
    public CaseStatus Status { get; set; }
    public CaseOutcome? Outcome { get; set; }
    public DateTimeOffset OpenedAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }

    /// <summary>When the latest contact moment took place (its <c>occurredAt</c>), if any.</summary>
    public DateTimeOffset? LastContactAt { get; set; }

    /// <summary>Quiet since: the latest of opening, reopening and the last contact moment.</summary>
    public DateTimeOffset QuietSince { get; set; }

    /// <summary><see cref="QuietSince"/> while the case is open, null while closed: the stalled cases' index reads it (ADR 20).</summary>
    public DateTimeOffset? OpenQuietSince => Status == CaseStatus.Open ? QuietSince : null;

    /// <summary>The case's time in phases, in order; the last spell of an open case is still running.</summary>
    public List<PhaseSpell> Spells { get; set; } = [];

    public List<OpenAgreement> OpenAgreements { get; set; } = [];

    /// <summary>The stream version of the last event this read model applied.</summary>
    public long Version { get; set; }

    /// <summary>Days spent in <paramref name="phase"/> up to <paramref name="now"/>, or null if the case never was in it.</summary>
    public double? DaysIn(CasePhase phase, DateTimeOffset now)
    {
        var spells = Spells.Where(s => s.Phase == phase).ToList();
        if (spells.Count == 0) return null;
        return spells.Sum(s => ((s.Until ?? now) - s.From).TotalDays);
    }
}

/// <summary>An uninterrupted stretch in one phase; <see cref="Until"/> is null while it runs.</summary>
public sealed record PhaseSpell(CasePhase Phase, DateTimeOffset From, DateTimeOffset? Until);

public sealed record OpenAgreement(Guid AgreementId, DateTimeOffset MadeAt, DateOnly? DueOn);
