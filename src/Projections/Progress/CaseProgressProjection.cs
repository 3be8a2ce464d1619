using JasperFx.Events;
using Marten.Events.Aggregation;
using Participation.Domain.Cases;

namespace Participation.Projections.Progress;

/// <summary>
/// Folds a case stream into its <see cref="CaseProgress"/>. Every time comes from the events' own
/// stamps, never from when the daemon sees them, so a rebuild reproduces the same figures.
/// </summary>
public sealed class CaseProgressProjection : SingleStreamProjection<CaseProgress, Guid>
{
    public const string ProjectionName = "CaseProgress";

    public CaseProgressProjection() => Name = ProjectionName;

    public override CaseProgress? Evolve(CaseProgress? snapshot, Guid id, IEvent e)
    {
        var progress = e.Data is CaseOpened opened ? Open(opened) : snapshot ?? throw new InvalidOperationException(
            $"Case {id} has {e.EventTypeName} at version {e.Version} before {nameof(CaseOpened)}.");
        var at = CaseEventStamps.Of(e.Data).At;
        switch (e.Data)
        {
            case CaseOpened:
                break;
            case ContactMomentRecorded contact:
                if (progress.LastContactAt is not { } last || contact.OccurredAt > last) progress.LastContactAt = contact.OccurredAt;
                if (contact.OccurredAt > progress.QuietSince) progress.QuietSince = contact.OccurredAt;
                break;
            case PhaseChanged changed:
                EndSpell(progress, at);
                progress.Phase = changed.To;
                progress.Spells.Add(new PhaseSpell(changed.To, at, null));
                break;
            case CaseClosed closed:
                EndSpell(progress, at);
                progress.Status = CaseStatus.Closed;
                progress.Outcome = closed.Outcome;
                progress.ClosedAt = at;
                break;
            case CaseReopened:
                progress.Status = CaseStatus.Open;
                progress.Outcome = null;
                progress.ClosedAt = null;
                progress.Spells.Add(new PhaseSpell(progress.Phase, at, null));
                if (at > progress.QuietSince) progress.QuietSince = at;
                break;
            case AgreementMade made:
                progress.OpenAgreements.Add(new OpenAgreement(made.AgreementId, made.MadeAt, made.DueOn));
                break;
            case AgreementFulfilled fulfilled:
                progress.OpenAgreements.RemoveAll(a => a.AgreementId == fulfilled.AgreementId);
                break;
            case AgreementBroken broken:
                progress.OpenAgreements.RemoveAll(a => a.AgreementId == broken.AgreementId);
                break;
            case ParticipantJoined or ParticipantLeft or StrengthRecorded or NetworkConnected or CaseAssigned:
                break;
            default:
                throw new InvalidOperationException($"{nameof(CaseProgressProjection)} does not know {e.Data.GetType().Name}.");
        }
        progress.Version = e.Version;
        return progress;
    }

    private static CaseProgress Open(CaseOpened e) => new()
    {
        Id = e.CaseId, Domain = e.Domain, Neighbourhood = e.Neighbourhood, Phase = CasePhase.Engage, Status = CaseStatus.Open,
        OpenedAt = e.OpenedAt, QuietSince = e.OpenedAt, Spells = [new PhaseSpell(CasePhase.Engage, e.OpenedAt, null)],
    };

    private static void EndSpell(CaseProgress progress, DateTimeOffset at)
    {
        if (progress.Spells is [.., { Until: null } running]) progress.Spells[^1] = running with { Until = at };
    }
}
