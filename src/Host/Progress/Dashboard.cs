using Participation.Domain.Cases;
using Participation.Projections.Progress;

namespace Participation.Host.Progress;

/// <summary>The programme manager's figures for one tenant, as of <see cref="AsOf"/>.</summary>
public sealed record Dashboard(
    DateTimeOffset AsOf, int Open, int Closed,
    IReadOnlyList<DomainPhaseCount> ByDomainAndPhase,
    IReadOnlyList<NeighbourhoodCount> ByNeighbourhood,
    IReadOnlyList<DistrictCount> ByDistrict,
    IReadOnlyList<PhaseTime> TimeInPhase,
    IReadOnlyList<OutcomeCount> Outcomes,
    StalledCases Stalled)
{
    public const int StalledAfterDays = 30;

    /// <summary>Open cases by domain × phase and how their follow-up stands now (API 1.1): on time, late, three times late.</summary>
    public IReadOnlyList<FollowUp.PunctualityCount> Punctuality { get; init; } = [];

    /// <summary>
    /// Every figure from the tenant's figure cells (ADR 20); "now" decides stalled cases and the days of running stays.
    /// Days in phase are the means of the digest's buckets: exact for a value alone in its bucket, otherwise within its width.
    /// </summary>
    public static Dashboard From(DashboardFigures figures, DateTimeOffset now)
    {
        var cells = figures.Cells.ToLookup(c => c.Figure);
        int Count(string figure, ProgressFigureKey key) => (int)cells[figure].Where(c => c.Key == key).Sum(c => c.Count);
        IEnumerable<(string Key, int Open, int Closed)> ByStatus(string figure) => cells[figure]
            .Select(c => (Key: c.Key.Parts[0], Status: c.Key.Parts[^1], c.Count))
            .GroupBy(c => c.Key, StringComparer.Ordinal)
            .Select(g => (g.Key, (int)g.Where(c => c.Status == nameof(CaseStatus.Open)).Sum(c => c.Count),
                (int)g.Where(c => c.Status == nameof(CaseStatus.Closed)).Sum(c => c.Count)))
            .OrderBy(g => g.Key, StringComparer.Ordinal);

        var byDomainAndPhase =
            (from domain in Enum.GetValues<CaseDomain>()
             from phase in Enum.GetValues<CasePhase>()
             select new DomainPhaseCount(domain, phase, Count(ProgressFigures.Cases, ProgressFigures.CasesKey(domain, phase, CaseStatus.Open)),
                 Count(ProgressFigures.Cases, ProgressFigures.CasesKey(domain, phase, CaseStatus.Closed)))).ToList();

        // A code names one neighbourhood; its name is taken from the first case opened there. A name cell of a database
        // written before the keys were typed (its parts joined by line breaks) is left out, with its neighbourhood, until
        // the rebuild that readiness asks for (ReadModelUpgradeCheck).
        var names = cells[ProgressFigures.NeighbourhoodName]
            .Select(c => (c.Key.Parts, c.FirstAt, c.FirstId))
            .Where(c => c.Parts.Count == 3)
            .GroupBy(c => c.Parts[0], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderBy(c => c.FirstAt).ThenBy(c => c.FirstId).First().Parts, StringComparer.Ordinal);
        var byNeighbourhood = ByStatus(ProgressFigures.Neighbourhood)
            .Where(n => names.ContainsKey(n.Key))
            .Select(n => new NeighbourhoodCount(n.Key, names[n.Key][1], names[n.Key][2], n.Open, n.Closed)).ToList();
        var byDistrict = ByStatus(ProgressFigures.District).Select(d => new DistrictCount(d.Key, d.Open, d.Closed)).ToList();

        var nowSeconds = DurationScale.Seconds(now);
        var timeInPhase = Enum.GetValues<CasePhase>().Select(phase =>
        {
            var done = cells[ProgressFigures.Done].Where(c => c.Key == ProgressFigureKey.Of(phase.ToString())).Select(c => (Days: c.Total / c.Count, c.Count));
            var running = cells[ProgressFigures.Running].Where(c => c.Key == ProgressFigureKey.Of(phase.ToString()))
                .Select(c => (Days: (nowSeconds - c.Total / c.Count) / 86_400, c.Count));
            var days = done.Concat(running).OrderBy(d => d.Days).ToList();
            return new PhaseTime(phase, (int)days.Sum(d => d.Count), Days(Percentile(days, 0.5)), Days(Percentile(days, 0.9)));
        }).ToList();

        var outcomes = Enum.GetValues<CaseOutcome>().Select(outcome => new OutcomeCount(outcome, Count(ProgressFigures.Outcome, ProgressFigureKey.Of(outcome.ToString())))).ToList();
        var open = byDomainAndPhase.Sum(c => c.Open);
        var closed = byDomainAndPhase.Sum(c => c.Closed);
        return new Dashboard(now, open, closed, byDomainAndPhase, byNeighbourhood, byDistrict, timeInPhase, outcomes,
            new StalledCases(StalledAfterDays, figures.StalledCount, figures.StalledIds));
    }

    /// <summary>
    /// The p-quantile of sorted values, each counted <c>Count</c> times, interpolating linearly between closest ranks
    /// (Excel's PERCENTILE.INC).
    /// </summary>
    public static double? Percentile(IReadOnlyList<(double Days, long Count)> sorted, double p)
    {
        var total = sorted.Sum(v => v.Count);
        if (total == 0) return null;
        var rank = (total - 1) * p;
        var below = (long)Math.Floor(rank);
        var at = ValueAt(sorted, below);
        return at + (rank - below) * (ValueAt(sorted, Math.Min(below + 1, total - 1)) - at);
    }

    private static double ValueAt(IReadOnlyList<(double Days, long Count)> sorted, long rank)
    {
        foreach (var (days, count) in sorted)
        {
            if (rank < count) return days;
            rank -= count;
        }
        throw new ArgumentOutOfRangeException(nameof(rank));
    }

    private static double? Days(double? days) => days is { } d ? Math.Round(d, 2, MidpointRounding.AwayFromZero) : null;
}

/// <summary>Cases of one domain currently in one phase (closed cases count in the phase they closed in).</summary>
public sealed record DomainPhaseCount(CaseDomain Domain, CasePhase Phase, int Open, int Closed);

public sealed record NeighbourhoodCount(string Code, string Name, string District, int Open, int Closed);

public sealed record DistrictCount(string District, int Open, int Closed);

/// <summary>
/// Days cases spent in a phase: per case the sum of its stays in that phase (an open case's current
/// stay counts up to now; time while closed does not count); <c>cases</c> is how many cases were ever in it.
/// </summary>
public sealed record PhaseTime(CasePhase Phase, int Cases, double? Median, double? P90);

public sealed record OutcomeCount(CaseOutcome Outcome, int Count);

/// <summary>Open cases without a contact moment for more than <c>thresholdDays</c> (counting from opening or reopening if later), longest quiet first.</summary>
public sealed record StalledCases(int ThresholdDays, int Count, IReadOnlyList<Guid> CaseIds);
