using Participation.Domain.Cases;

namespace Participation.Projections.Progress;

/// <summary>
/// One cell of a tenant's progress figures (table <see cref="ProgressFigureTable.Name"/>): a count, and for the digests the
/// sum of the values counted. Figures, with the parts of their <see cref="ProgressFigureKey"/>: <c>cases</c> (domain, phase,
/// status), <c>neighbourhood</c> (code, status),
/// <c>neighbourhood-name</c> (code, name and district, with the first case opened under them), <c>district</c>
/// (district, status), <c>outcome</c>, <c>done</c> (key: phase; finished days in a phase by <see cref="DurationScale"/>
/// bucket), <c>running</c> (phase; effective starts of running stays, in seconds from <see cref="DurationScale.Origin"/>) and
/// <c>quiet</c> (open cases by the <see cref="DurationScale.Day"/> they are quiet since: the stalled count's whole days).
/// </summary>
public sealed record FigureCell(string Figure, ProgressFigureKey Key, short Level, long Bucket, long Count, double Total,
    DateTimeOffset? FirstAt = null, Guid? FirstId = null)
{
    public (string, ProgressFigureKey, short, long) Address => (Figure, Key, Level, Bucket);
}

/// <summary>What one case adds to its tenant's figures, derived from its <see cref="CaseProgress"/> alone.</summary>
public static class ProgressFigures
{
    public const string Cases = "cases", Neighbourhood = "neighbourhood", NeighbourhoodName = "neighbourhood-name",
        District = "district", Outcome = "outcome", Done = "done", Running = "running", Quiet = "quiet";

    /// <summary>
    /// The figures with a few cells per tenant, which the dashboard reads whole; <c>running</c> and <c>quiet</c> have a cell
    /// per bucket of time and are read by range.
    /// </summary>
    public static readonly string[] ReadWhole = [Cases, Neighbourhood, NeighbourhoodName, District, Outcome, Done];

    /// <summary>The key of a <c>cases</c> cell: the readers (dashboard, the list's total) name cells by it too.</summary>
    public static ProgressFigureKey CasesKey(CaseDomain domain, CasePhase phase, CaseStatus status) =>
        ProgressFigureKey.Of(domain.ToString(), phase.ToString(), status.ToString());

    /// <summary>The key of a <c>neighbourhood</c> cell.</summary>
    public static ProgressFigureKey NeighbourhoodKey(string code, CaseStatus status) => ProgressFigureKey.Of(code, status.ToString());

    public static IEnumerable<FigureCell> Of(CaseProgress? progress)
    {
        if (progress is null) yield break;
        var status = progress.Status.ToString();
        var hood = progress.Neighbourhood;
        yield return Cell(Cases, CasesKey(progress.Domain, progress.Phase, progress.Status));
        yield return Cell(Neighbourhood, NeighbourhoodKey(hood.Code, progress.Status));
        yield return Cell(NeighbourhoodName, ProgressFigureKey.Of(hood.Code, hood.Name, hood.District)) with
        {
            FirstAt = progress.OpenedAt, FirstId = progress.Id,
        };
        yield return Cell(District, ProgressFigureKey.Of(hood.District, status));
        if (progress.Outcome is { } outcome) yield return Cell(Outcome, ProgressFigureKey.Of(outcome.ToString()));
        if (progress.OpenQuietSince is { } quietSince) yield return Cell(Quiet, ProgressFigureKey.Of("")) with { Bucket = DurationScale.Day(quietSince) };

        foreach (var phase in progress.Spells.Select(s => s.Phase).Distinct())
        {
            var stays = progress.Spells.Where(s => s.Phase == phase).ToList();
            var finishedDays = stays.Where(s => s.Until is not null).Sum(s => (s.Until!.Value - s.From).TotalDays);
            if (stays.SingleOrDefault(s => s.Until is null) is { } running)
            {
                var effectiveStart = DurationScale.Seconds(running.From) - finishedDays * 86_400;
                for (short level = 0; level < DurationScale.Levels; level++)
                    yield return new FigureCell(Running, ProgressFigureKey.Of(phase.ToString()), level, DurationScale.OfStart(effectiveStart, level), 1, effectiveStart);
            }
            else
            {
                var (level, bucket) = DurationScale.OfDuration(finishedDays);
                yield return new FigureCell(Done, ProgressFigureKey.Of(phase.ToString()), level, bucket, 1, finishedDays);
            }
        }
    }

    /// <summary>The change from one state of a case to the next: its new cells less its old ones, cells that cancel left out.</summary>
    public static IEnumerable<FigureCell> Change(IEnumerable<FigureCell> before, IEnumerable<FigureCell> after) =>
        before.Select(c => c with { Count = -c.Count, Total = -c.Total, FirstAt = null, FirstId = null }).Concat(after)
            .GroupBy(c => c.Address)
            .Select(g => g.Aggregate((sum, c) => sum with
            {
                Count = sum.Count + c.Count, Total = sum.Total + c.Total, FirstAt = sum.FirstAt ?? c.FirstAt, FirstId = sum.FirstId ?? c.FirstId,
            }))
            .Where(c => c.Count != 0 || c.Total != 0);

    private static FigureCell Cell(string figure, ProgressFigureKey key) => new(figure, key, 0, 0, 1, 0);
}
