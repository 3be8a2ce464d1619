using Participation.Domain.Cases;

namespace Participation.Projections.Cases;

/// <summary>One row of the case list: small and indexed; what its text search matches is <see cref="CaseSearchText"/>.</summary>
public sealed class CaseSummary
{
    public Guid Id { get; set; }
    public CaseDomain Domain { get; set; }
    public Neighbourhood Neighbourhood { get; set; } = null!;
    public string Title { get; set; } = "";
    public string? Description { get; set; }
    public CasePhase Phase { get; set; }
    public CaseStatus Status { get; set; }
    public string? Owner { get; set; }
    public CaseOutcome? Outcome { get; set; }
    public DateTimeOffset OpenedAt { get; set; }
    public DateTimeOffset LastActivityAt { get; set; }
    public int ActiveParticipants { get; set; }
    public int ContactMoments { get; set; }
    public long Version { get; set; }
}
