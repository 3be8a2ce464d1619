using Participation.Domain.Insights;

namespace Participation.Projections.Insights;

/// <summary>
/// How something present over stretches of time (an open case, a participant of one) counts in the quarters: present at a
/// quarter's start (a state figure, changing at the quarters where it changes) or present at some moment of it without
/// being there at its start (a period figure). Together they count "present in the quarter" with one row per quarter read.
/// </summary>
public static class Presence
{
    public static IEnumerable<InsightCell> Cells(IReadOnlyList<OpenSpell> spells, InsightFigure entered, InsightFigure atStart)
    {
        if (spells.Count == 0) yield break;
        var first = Quarter.Of(spells.Min(s => s.From)).Index;
        var last = spells.Any(s => s.Until is null)
            ? Quarter.Of(spells.Max(s => s.From)).Index + 1
            : Quarter.Of(spells.Max(s => s.Until!.Value)).Index + 1;
        var wasPresent = false;
        for (var index = first; index <= last; index++)
        {
            var quarter = Quarter.FromIndex(index);
            var (start, end) = (quarter.Start, quarter.Next.Start);
            var presentAtStart = spells.Any(s => s.From <= start && (s.Until is not { } until || until > start));
            if (!presentAtStart && spells.Any(s => s.From < end && (s.Until is not { } until || until > start) && s.From != s.Until))
                yield return new InsightCell(index, new FigureKey(entered), 1);
            if (presentAtStart != wasPresent) yield return new InsightCell(index, new FigureKey(atStart), presentAtStart ? 1 : -1);
            wasPresent = presentAtStart;
        }
    }

    /// <summary>The stretches of <paramref name="spells"/> within [from, until).</summary>
    public static List<OpenSpell> Within(IEnumerable<OpenSpell> spells, DateTimeOffset from, DateTimeOffset? until) =>
        spells.Select(s => new OpenSpell(s.From > from ? s.From : from, Earlier(s.Until, until)))
            .Where(s => s.Until is not { } end || end > s.From)
            .ToList();

    private static DateTimeOffset? Earlier(DateTimeOffset? a, DateTimeOffset? b) =>
        a is null ? b : b is null ? a : a < b ? a : b;
}
