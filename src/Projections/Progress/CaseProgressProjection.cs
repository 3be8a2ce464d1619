using JasperFx.Events;
using JasperFx.Events.Aggregation;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Participation.Domain.Cases;
using Participation.Domain.Retention;

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
        // In a destruction list's stream: see DestroyedProgress.
        IncludeType<CaseDestroyed>();
    }

    protected override void Applied(CaseProgress progress, ICaseEvent e, long version) => progress.Version = version;

    /// <summary>The schema of the figures table (<see cref="ProgressProjections"/> sets it).</summary>
    public string Schema { get; init; } = "public";

    /// <summary>
    /// Folds a case's new events with <see cref="CaseStreamProjection{TDoc}.Apply"/>, and queues in the same batch the
    /// change this makes to the tenant's progress figures: the case's cells after less its cells before (ADR 20). The
    /// daemon calls this with its batch's session, in continuous runs and rebuilds alike.
    /// </summary>
    public override ValueTask<(CaseProgress?, ActionType)> DetermineActionAsync(IQuerySession session, CaseProgress? snapshot, Guid identity,
        IIdentitySetter<CaseProgress, Guid> identitySetter, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        if (events is [{ Data: CaseDestroyed }, ..])
            return DestroyedProgress.ApplyAsync(session, Schema, events.Select(e => e.Data).OfType<CaseDestroyed>().ToList(), cancellation);
        var before = ProgressFigures.Of(snapshot).ToList(); // before the fold: it changes the snapshot in place
        var progress = snapshot;
        foreach (var e in events)
        {
            try
            {
                progress = Apply(progress, identity, e.Data, e.Version);
            }
            catch (Exception ex) when (!ProjectionExceptions.IsExceptionTransient(ex))
            {
                // As Marten's own fold reports it, so the daemon skips the event and says which (README: when a projection cannot apply an event).
                throw new ApplyEventException(e, ex);
            }
        }
        if (session is IDocumentOperations operations)
            FigureChanges.Queue(operations, Schema, ProgressFigures.Change(before, ProgressFigures.Of(progress)).ToList());
        return ValueTask.FromResult<(CaseProgress?, ActionType)>((progress, progress is null ? ActionType.Nothing : ActionType.Store));
    }

    private static void EndSpell(CaseProgress progress, DateTimeOffset at)
    {
        if (progress.Spells is [.., { Until: null } running]) progress.Spells[^1] = running with { Until = at };
    }
}
