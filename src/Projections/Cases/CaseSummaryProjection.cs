using JasperFx.Events;
using Marten.Events.Aggregation;
using Participation.Domain.Cases;

namespace Participation.Projections.Cases;

public sealed class CaseSummaryProjection : SingleStreamProjection<CaseSummary, Guid>
{
    public override CaseSummary? Evolve(CaseSummary? snapshot, Guid id, IEvent e)
    {
        var summary = snapshot ?? new CaseSummary { Id = id };
        switch (e.Data)
        {
            case CaseOpened opened:
                summary.Domain = opened.Domain;
                summary.Neighbourhood = opened.Neighbourhood;
                summary.Title = opened.Title;
                summary.Description = opened.Description;
                summary.Phase = CasePhase.Engage;
                summary.Status = CaseStatus.Open;
                summary.OpenedAt = opened.OpenedAt;
                summary.SearchText = string.Join(' ', opened.Title, opened.Description, opened.Neighbourhood.Code,
                    opened.Neighbourhood.Name, opened.Neighbourhood.District).ToLowerInvariant();
                break;
            case ParticipantJoined: summary.ActiveParticipants++; break;
            case ParticipantLeft: summary.ActiveParticipants--; break;
            case ContactMomentRecorded: summary.ContactMoments++; break;
            case CaseAssigned assigned: summary.Owner = assigned.Owner; break;
            case PhaseChanged changed: summary.Phase = changed.To; break;
            case CaseClosed closed:
                summary.Status = CaseStatus.Closed;
                summary.Outcome = closed.Outcome;
                break;
            case CaseReopened:
                summary.Status = CaseStatus.Open;
                summary.Outcome = null;
                break;
            case StrengthRecorded or NetworkConnected or AgreementMade or AgreementFulfilled or AgreementBroken or ParticipantErased:
                break;
            default:
                throw new InvalidOperationException($"{nameof(CaseSummaryProjection)} does not know {e.Data.GetType().Name}.");
        }
        summary.Version = e.Version;
        summary.LastActivityAt = CaseEventStamps.Of(e.Data).At;
        return summary;
    }
}
