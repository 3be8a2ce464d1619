using Participation.Domain.Cases;

namespace Participation.Projections.Progress;

/// <summary>
/// Folds a case stream into its <see cref="CaseProgress"/>, from the events progress figures need and no
/// others. Every time comes from the events' own stamps, never from when the daemon sees them, so a
/// rebuild reproduces the same figures.
/// </summary>
public sealed class CaseProgressProjection : CaseStreamProjection<CaseProgress>
{
    public const string ProjectionName = "CaseProgress";

    public CaseProgressProjection()
    {
        Name = ProjectionName;
        Opens(e => new CaseProgress
        {
            Id = e.CaseId, Domain = e.Domain, Neighbourhood = e.Neighbourhood, Phase = CasePhase.Engage, Status = CaseStatus.Open,
            OpenedAt = e.OpenedAt, QuietSince = e.OpenedAt, Spells = [new PhaseSpell(CasePhase.Engage, e.OpenedAt, null)],
        });
        On<ContactMomentRecorded>((progress, contact) =>
        {
            if (progress.LastContactAt is not { } last || contact.OccurredAt > last) progress.LastContactAt = contact.OccurredAt;
            if (contact.OccurredAt > progress.QuietSince) progress.QuietSince = contact.OccurredAt;
        });
        On<PhaseChanged>((progress, changed) =>
        {
            EndSpell(progress, changed.ChangedAt);
            progress.Phase = changed.To;
            progress.Spells.Add(new PhaseSpell(changed.To, changed.ChangedAt, null));
        });
        On<CaseClosed>((progress, closed) =>
        {
            EndSpell(progress, closed.ClosedAt);
            progress.Status = CaseStatus.Closed;
            progress.Outcome = closed.Outcome;
            progress.ClosedAt = closed.ClosedAt;
        });
        On<CaseReopened>((progress, reopened) =>
        {
            progress.Status = CaseStatus.Open;
            progress.Outcome = null;
            progress.ClosedAt = null;
            progress.Spells.Add(new PhaseSpell(progress.Phase, reopened.ReopenedAt, null));
            if (reopened.ReopenedAt > progress.QuietSince) progress.QuietSince = reopened.ReopenedAt;
        });
        On<AgreementMade>((progress, made) => progress.OpenAgreements.Add(new OpenAgreement(made.AgreementId, made.MadeAt, made.DueOn)));
        On<AgreementFulfilled>((progress, fulfilled) => progress.OpenAgreements.RemoveAll(a => a.AgreementId == fulfilled.AgreementId));
        On<AgreementBroken>((progress, broken) => progress.OpenAgreements.RemoveAll(a => a.AgreementId == broken.AgreementId));
    }

    protected override void Applied(CaseProgress progress, ICaseEvent e, long version) => progress.Version = version;

    private static void EndSpell(CaseProgress progress, DateTimeOffset at)
    {
        if (progress.Spells is [.., { Until: null } running]) progress.Spells[^1] = running with { Until = at };
    }
}
