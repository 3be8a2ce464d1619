using Participation.Domain.Cases;
using Participation.Projections.Insights;

namespace Participation.Host.Insights;

/// <summary>
/// The exact counts of one row of the insights (a neighbourhood, a district or the tenant; one programme domain or all):
/// the published fields (<see cref="InsightFields"/>) and the distributions of the support shares the medians come from.
/// </summary>
public sealed class ExactFigures
{
    public long[] Counts { get; } = new long[InsightFields.Count];

    /// <summary>Residents per share value, at <see cref="SupportKey"/>: every distribution in one array, so sums are one loop.</summary>
    public long[] Support { get; } = new long[InsightFields.LifeDomains.Length * 2 * InsightFields.Shares.Length * FigureKeys.ShareValues];

    public static int SupportKey(int domain, bool first, int share, int percentage) =>
        ((domain * 2 + (first ? 0 : 1)) * InsightFields.Shares.Length + share) * FigureKeys.ShareValues + percentage;

    /// <summary>A neighbourhood's counts for one programme domain: state as of the quarter's end, period counts of the quarter itself.</summary>
    public static ExactFigures Of(InsightRow row)
    {
        var figures = new ExactFigures();
        var counts = figures.Counts;
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
                    var support = SupportKey(domain, key.Figure == InsightFigure.FirstShare, key.Part / FigureKeys.ShareValues, key.Part % FigureKeys.ShareValues);
                    figures.Support[support] += count;
                    break;
            }
        }
        return figures;
    }

    public void Add(ExactFigures other)
    {
        for (var i = 0; i < Counts.Length; i++) Counts[i] += other.Counts[i];
        for (var i = 0; i < Support.Length; i++) Support[i] += other.Support[i];
    }

    /// <summary>The median share (percent) at the first or latest rating in a life domain, and how many residents stand behind it.</summary>
    public (double? Median, long Residents) Median(int domain, bool first, int share)
    {
        var histogram = Support.AsSpan(SupportKey(domain, first, share, 0), FigureKeys.ShareValues);
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
