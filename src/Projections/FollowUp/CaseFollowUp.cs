using Participation.Domain.Cases;
using Participation.Domain.FollowUp;

namespace Participation.Projections.FollowUp;

/// <summary>
/// A case's follow-up as its timer and the worklist read it: its deadlines under the norms in force, the moment the next
/// one reaches a level not yet recorded (<see cref="NextCheckAt"/>, the timer), and what the worklist filters on. Written
/// with every change of the case and of the tenant's norms, in the same transaction; none of it is personal data.
/// A suspended or closed case has no deadlines here: nothing of it is due.
/// </summary>
public sealed class CaseFollowUp
{
    public Guid Id { get; set; }
    public CaseDomain Domain { get; set; }
    public CasePhase Phase { get; set; }
    public string NeighbourhoodCode { get; set; } = "";
    public string? Owner { get; set; }
    public bool Suspended { get; set; }
    public bool Open { get; set; }
    public DateTimeOffset? NextCheckAt { get; set; }

    /// <summary>The earliest due moment of its deadlines: the case has a late follow-up once it has passed.</summary>
    public DateTimeOffset? EarliestDueAt { get; set; }

    /// <summary>The earliest three-times-late moment of its deadlines.</summary>
    public DateTimeOffset? EarliestLateThreeTimesAt { get; set; }

    public List<Deadline> Deadlines { get; set; } = [];

    public static CaseFollowUp Of(Case state, TenantNorms norms, DateTimeOffset now)
    {
        var counting = state.Status == CaseStatus.Open && state.Suspended is null;
        var deadlines = counting ? Participation.Domain.FollowUp.Deadlines.Of(state, norms, now).ToList() : [];
        return new CaseFollowUp
        {
            Id = state.Id, Domain = state.Domain, Phase = state.Phase, NeighbourhoodCode = state.NeighbourhoodCode, Owner = state.Owner,
            Suspended = state.Suspended is not null, Open = state.Status == CaseStatus.Open,
            NextCheckAt = counting ? Participation.Domain.FollowUp.Deadlines.NextCheckAt(state, norms, now) : null,
            EarliestDueAt = deadlines.Count == 0 ? null : deadlines.Min(d => d.DueAt),
            EarliestLateThreeTimesAt = deadlines.Count == 0 ? null : deadlines.Min(d => d.LateThreeTimesAt),
            Deadlines = deadlines,
        };
    }

    /// <summary>The case's standing: that of its latest deadline.</summary>
    public Punctuality StatusAt(DateTimeOffset now) =>
        EarliestLateThreeTimesAt <= now ? Punctuality.LateThreeTimes : EarliestDueAt <= now ? Punctuality.Late : Punctuality.OnTime;
}
