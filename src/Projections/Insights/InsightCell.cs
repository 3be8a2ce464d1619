namespace Participation.Projections.Insights;

/// <summary>What one case adds to one figure of one quarter (for a state figure: the change from that quarter on).</summary>
public sealed record InsightCell(int Quarter, FigureKey Key, int Count)
{
    /// <summary>New cells less old ones, summed per quarter and key, cells that cancel left out.</summary>
    public static List<InsightCell> Change(IEnumerable<InsightCell> before, IEnumerable<InsightCell> after) =>
        before.Select(c => c with { Count = -c.Count }).Concat(after)
            .GroupBy(c => (c.Quarter, c.Key))
            .Select(g => new InsightCell(g.Key.Quarter, g.Key.Key, g.Sum(c => c.Count)))
            .Where(c => c.Count != 0)
            .ToList();

    public static long[] Pack(IReadOnlyList<InsightCell> cells)
    {
        var packed = new long[cells.Count * 3];
        for (var i = 0; i < cells.Count; i++) (packed[3 * i], packed[3 * i + 1], packed[3 * i + 2]) = (cells[i].Quarter, cells[i].Key.Code, cells[i].Count);
        return packed;
    }

    public static IReadOnlyList<InsightCell> Unpack(long[] packed)
    {
        var cells = new InsightCell[packed.Length / 3];
        for (var i = 0; i < cells.Length; i++) cells[i] = new InsightCell((int)packed[3 * i], FigureKey.FromCode(packed[3 * i + 1]), (int)packed[3 * i + 2]);
        return cells;
    }
}
