using JasperFx.Events;
using Participation.Projections.Rows;
using Participation.Domain.Cases;

namespace Participation.Projections.Cases;

/// <summary>
/// One row of the case list per case, changed by every event with only what it changes (its version and last
/// activity follow the stream), never loaded first (ADR 18, ADR 22); its search text is a row of its own, written at
/// the opening (ADR 23).
/// </summary>
public sealed class CaseSummaryProjection : CaseRowProjection<CaseSummary>
{
    /// <summary>Raised when what the projection writes changes: nodes then build the new version beside the old (ADR 39).</summary>
    public const int ReadModelVersion = 1;

    public CaseSummaryProjection()
    {
        Name = nameof(CaseSummary);
        Writes<CaseSearchText>();
        Opens((e, version) => new CaseSummary
        {
            Id = e.CaseId, Domain = e.Domain, Neighbourhood = e.Neighbourhood, Title = e.Title, Description = e.Description,
            Phase = CasePhase.Engage, Status = CaseStatus.Open, OpenedAt = e.OpenedAt, LastActivityAt = e.OpenedAt, Version = version,
        }, (write, e) => write.Add(e.CaseId, CaseSearchText.Of(e)));
        On<ParticipantJoined>((write, _) => write.Head.Increment(x => x.ActiveParticipants));
        On<ParticipantLeft>((write, _) => write.Head.Increment(x => x.ActiveParticipants, -1));
        On<ContactMomentRecorded>((write, _) => write.Head.Increment(x => x.ContactMoments));
        On<CaseAssigned>((write, e) => write.Head.Set(x => x.Owner, e.Owner));
        On<PhaseChanged>((write, e) => write.Head.Set(x => x.Phase, e.To));
        On<CaseClosed>((write, e) => write.Head.Set(x => x.Status, CaseStatus.Closed).Set(x => x.Outcome, e.Outcome));
        On<CaseReopened>((write, _) => write.Head.Set(x => x.Status, CaseStatus.Open).Set(x => x.Outcome, null));
        OnEveryOtherCaseEvent();
    }

    protected override void SetVersion(RowChange<CaseSummary> head, long version, DateTimeOffset at) =>
        head.Set(x => x.Version, version).Set(x => x.LastActivityAt, at);
}
