using JasperFx.Events.Daemon;
using Marten;
using Participation.Domain.Cases;
using Participation.Domain.Retention;

namespace Participation.Projections.Progress;

/// <summary>
/// A destroyed case and the progress figures (ADR 34). Live, the case's share is in the figures already: only its
/// <see cref="CaseProgress"/> goes, and the neighbourhood name it was the first case of names the list instead of the case.
/// In a rebuild its events no longer exist, so nothing of it is there: the share kept with the declaration is added, the
/// first case named the same way. Either way the figures come out as they were before the destruction.
/// </summary>
public static class DestroyedProgress
{
    public static async ValueTask<(CaseProgress?, ActionType)> ApplyAsync(IQuerySession session, string schema, IReadOnlyList<CaseDestroyed> destroyed,
        CancellationToken cancellation)
    {
        if (session is not IDocumentOperations operations) return (null, ActionType.Nothing);
        var live = (await session.LoadManyAsync<CaseProgress>(cancellation, destroyed.Select(d => d.CaseId))).Select(p => p.Id).ToHashSet();
        var table = $"{schema}.{ProgressFigureTable.Name}";
        foreach (var d in destroyed)
        {
            if (live.Contains(d.CaseId))
            {
                operations.Delete<CaseProgress>(d.CaseId);
                operations.QueueSqlCommand($"update {table} set first_id = ? where tenant_id = ? and first_id = ?", d.ListId, operations.TenantId, d.CaseId);
            }
            else if (Of(d) is { } kept)
            {
                FigureChanges.Queue(operations, schema, ProgressFigures.Of(kept)
                    .Select(c => c.FirstId is null ? c : c with { FirstId = d.ListId }).ToList());
            }
        }
        return (null, ActionType.Nothing);
    }

    /// <summary>The case's progress as far as its figures go, from the facts kept with the declaration.</summary>
    public static CaseProgress? Of(CaseDestroyed d) => d.Figures.Progress is not { } kept ? null : new CaseProgress
    {
        Id = d.CaseId, Domain = d.Domain, Neighbourhood = kept.Neighbourhood, Phase = kept.Phase, Status = CaseStatus.Closed, Outcome = kept.Outcome,
        OpenedAt = kept.OpenedAt, ClosedAt = kept.ClosedAt, QuietSince = kept.OpenedAt,
        Spells = kept.Spells.Select(s => new PhaseSpell(s.Phase, s.From, s.Until)).ToList(),
    };

    /// <summary>What the declaration keeps of a case's progress.</summary>
    public static KeptProgress Keep(CaseProgress progress) => new(progress.Neighbourhood, progress.Phase, progress.Outcome, progress.OpenedAt,
        progress.ClosedAt, progress.Spells.Select(s => new KeptSpell(s.Phase, s.From, s.Until)).ToList());
}
