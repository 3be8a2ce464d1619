using Participation.Domain.Cases;
using Participation.Projections.Insights;

namespace Participation.Host.Insights;

/// <summary>
/// The exact counts of one row of the insights (a neighbourhood, a district or the tenant; one programme domain or all):
/// the published fields (<see cref="InsightFields"/>) and the distributions of the support shares the medians come from.
/// </summary>
/// <remarks>
/// The distributions are sparse (a neighbourhood's residents hold a few of the 7,878 share values) and a median is asked of a
/// row only when it is answered, so a sum keeps its neighbourhoods' distributions as they are and counts the one a median needs
/// when asked, rather than adding up dense arrays for every row and programme domain of the table.
/// </remarks>
public sealed class ExactFigures
{
    private readonly List<Distributions> _support = [];

    public long[] Counts { get; } = new long[InsightFields.Count];

    /// <summary>One neighbourhood's residents per share value: the <see cref="SupportKey"/>s that have any, ascending, and their counts.</summary>
    private sealed record Distributions(int[] Keys, int[] Residents);

    // First ratings before latest ones, then by life domain and share: the order of the stored keys (FigureKey.Code), so a
    // neighbourhood's distributions arrive sorted.
    public static int SupportKey(int domain, bool first, int share, int percentage) =>
        (((first ? 0 : 1) * InsightFields.LifeDomains.Length + domain) * InsightFields.Shares.Length + share) * FigureKeys.ShareValues + percentage;

    /// <summary>A neighbourhood's counts for one programme domain: state as of the quarter's end, period counts of the quarter itself.</summary>
    public static ExactFigures Of(InsightRow row)
    {
        var figures = new ExactFigures();
        var counts = figures.Counts;
        var (supportKeys, residents) = (new List<int>(row.State.Length / 2), new List<int>(row.State.Length / 2));
        for (var i = 0; i + 1 < row.Period.Length; i += 2)
        {
            var (key, count) = (FigureKey.FromCode(row.Period[i]), row.Period[i + 1]);
            switch (key.Figure)
            {
                case InsightFigure.CasesEntered: counts[InsightFields.Cases] += count; break;
                case InsightFigure.ParticipantsEntered: counts[InsightFields.Participants] += count; break;
                case InsightFigure.Connections: counts[InsightFields.Connections] += count; break;
                case InsightFigure.Agreements:
                    var carrier = key.Part / 3;
                    var status = (AgreementStatus)(key.Part % 3);
                    counts[InsightFields.Agreement(carrier, 0)] += count;
                    if (status == AgreementStatus.Fulfilled) counts[InsightFields.Agreement(carrier, 1)] += count;
                    if (status == AgreementStatus.Broken) counts[InsightFields.Agreement(carrier, 2)] += count;
                    break;
            }
        }
        for (var i = 0; i + 1 < row.State.Length; i += 2)
        {
            var (key, count) = (FigureKey.FromCode(row.State[i]), row.State[i + 1]);
            var domain = key.LifeDomain;
            switch (key.Figure)
            {
                case InsightFigure.CasesAtStart: counts[InsightFields.Cases] += count; break;
                case InsightFigure.ParticipantsAtStart: counts[InsightFields.Participants] += count; break;
                case InsightFigure.Measured: counts[InsightFields.Measured] += count; break;
                case InsightFigure.FirstLevel: counts[InsightFields.FirstLevel(domain, key.Part)] += count; break;
                case InsightFigure.LatestLevel: counts[InsightFields.LatestLevel(domain, key.Part)] += count; break;
                case InsightFigure.Change: counts[InsightFields.Change(domain, key.Part)] += count; break;
                case InsightFigure.FirstShare or InsightFigure.LatestShare:
                    supportKeys.Add(SupportKey(domain, key.Figure == InsightFigure.FirstShare, key.Part / FigureKeys.ShareValues, key.Part % FigureKeys.ShareValues));
                    residents.Add(count);
                    break;
            }
        }
        var support = new Distributions([.. supportKeys], [.. residents]);
        if (!IsAscending(support.Keys)) Array.Sort(support.Keys, support.Residents);
        figures._support.Add(support);
        return figures;
    }

    private static bool IsAscending(int[] keys)
    {
        for (var i = 1; i < keys.Length; i++) if (keys[i] < keys[i - 1]) return false;
        return true;
    }

    public void Add(ExactFigures other)
    {
        for (var i = 0; i < Counts.Length; i++) Counts[i] += other.Counts[i];
        _support.AddRange(other._support);
    }

    /// <summary>The median share (percent) at the first or latest rating in a life domain, and how many residents stand behind it.</summary>
    public (double? Median, long Residents) Median(int domain, bool first, int share)
    {
        Span<long> histogram = stackalloc long[FigureKeys.ShareValues];
        var start = SupportKey(domain, first, share, 0);
        foreach (var distribution in _support)
        {
            var at = Array.BinarySearch(distribution.Keys, start);
            for (var i = at < 0 ? ~at : at; i < distribution.Keys.Length && distribution.Keys[i] < start + FigureKeys.ShareValues; i++)
                histogram[distribution.Keys[i] - start] += distribution.Residents[i];
        }
        long residents = 0;
        foreach (var count in histogram) residents += count;
        if (residents == 0) return (null, 0);
        return ((Nth(histogram, (residents - 1) / 2) + Nth(histogram, residents / 2)) / 2.0, residents);
    }

    private static int Nth(ReadOnlySpan<long> histogram, long n)
    {
        for (var value = 0; value < histogram.Length; value++)
        {
            if (n < histogram[value]) return value;
            n -= histogram[value];
        }
        return histogram.Length - 1;
    }
}
