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

    /// <summary>Computes every figure from the tenant's per-case progress; "now" decides stalled cases and running phases.</summary>
    public static Dashboard From(IReadOnlyList<CaseProgress> cases, DateTimeOffset now)
    {
        var open = cases.Where(c => c.Status == CaseStatus.Open).ToList();
        var closed = cases.Where(c => c.Status == CaseStatus.Closed).ToList();

        var byDomainAndPhase =
            (from domain in Enum.GetValues<CaseDomain>()
             from phase in Enum.GetValues<CasePhase>()
             let these = cases.Where(c => c.Domain == domain && c.Phase == phase).ToList()
             select new DomainPhaseCount(domain, phase, Count(these, CaseStatus.Open), Count(these, CaseStatus.Closed))).ToList();

        var byNeighbourhood = cases
            .GroupBy(c => c.Neighbourhood.Code, StringComparer.Ordinal)
            .Select(g =>
            {
                // A code names one neighbourhood; its name is taken from the first case opened there.
                var first = g.OrderBy(c => c.OpenedAt).ThenBy(c => c.Id).First().Neighbourhood;
                return new NeighbourhoodCount(g.Key, first.Name, first.District, Count(g, CaseStatus.Open), Count(g, CaseStatus.Closed));
            })
            .OrderBy(n => n.Code, StringComparer.Ordinal).ToList();

        var byDistrict = cases
            .GroupBy(c => c.Neighbourhood.District, StringComparer.Ordinal)
            .Select(g => new DistrictCount(g.Key, Count(g, CaseStatus.Open), Count(g, CaseStatus.Closed)))
            .OrderBy(d => d.District, StringComparer.Ordinal).ToList();

        var timeInPhase = Enum.GetValues<CasePhase>().Select(phase =>
        {
            var days = cases.Select(c => c.DaysIn(phase, now)).OfType<double>().Order().ToList();
            return new PhaseTime(phase, days.Count, Days(Percentile(days, 0.5)), Days(Percentile(days, 0.9)));
        }).ToList();

        var outcomes = Enum.GetValues<CaseOutcome>()
            .Select(outcome => new OutcomeCount(outcome, closed.Count(c => c.Outcome == outcome))).ToList();

        var quietBefore = now.AddDays(-StalledAfterDays);
        var stalled = open.Where(c => c.QuietSince < quietBefore).OrderBy(c => c.QuietSince).ThenBy(c => c.Id).Select(c => c.Id).ToList();

        return new Dashboard(now, open.Count, closed.Count, byDomainAndPhase, byNeighbourhood, byDistrict, timeInPhase, outcomes,
            new StalledCases(StalledAfterDays, stalled.Count, stalled));
    }

    private static int Count(IEnumerable<CaseProgress> cases, CaseStatus status) => cases.Count(c => c.Status == status);

    /// <summary>The p-quantile of sorted values, interpolating linearly between closest ranks (Excel's PERCENTILE.INC).</summary>
    public static double? Percentile(IReadOnlyList<double> sorted, double p)
    {
        if (sorted.Count == 0) return null;
        var rank = (sorted.Count - 1) * p;
        var below = (int)Math.Floor(rank);
        var above = Math.Min(below + 1, sorted.Count - 1);
        return sorted[below] + (rank - below) * (sorted[above] - sorted[below]);
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
