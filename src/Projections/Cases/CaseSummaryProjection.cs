using Participation.Domain.Cases;

namespace Participation.Projections.Cases;

/// <summary>One row of the case list per case; it sees every case event, since its version and last activity follow the stream.</summary>
public sealed class CaseSummaryProjection : CaseStreamProjection<CaseSummary>
{
    public CaseSummaryProjection()
    {
        Opens(e => new CaseSummary
        {
            Id = e.CaseId, Domain = e.Domain, Neighbourhood = e.Neighbourhood, Title = e.Title, Description = e.Description,
            Phase = CasePhase.Engage, Status = CaseStatus.Open, OpenedAt = e.OpenedAt,
            SearchText = string.Join(' ', e.Title, e.Description, e.Neighbourhood.Code, e.Neighbourhood.Name, e.Neighbourhood.District)
                .ToLowerInvariant(),
        });
        On<ParticipantJoined>((summary, _) => summary.ActiveParticipants++);
        On<ParticipantLeft>((summary, _) => summary.ActiveParticipants--);
        On<ContactMomentRecorded>((summary, _) => summary.ContactMoments++);
        On<CaseAssigned>((summary, e) => summary.Owner = e.Owner);
        On<PhaseChanged>((summary, e) => summary.Phase = e.To);
        On<CaseClosed>((summary, e) =>
        {
            summary.Status = CaseStatus.Closed;
            summary.Outcome = e.Outcome;
        });
        On<CaseReopened>((summary, _) =>
        {
            summary.Status = CaseStatus.Open;
            summary.Outcome = null;
        });
        OnEveryOtherCaseEvent();
    }

    protected override void Applied(CaseSummary summary, ICaseEvent e, long version)
    {
        summary.Version = version;
        summary.LastActivityAt = e.Stamp.At;
    }
}
