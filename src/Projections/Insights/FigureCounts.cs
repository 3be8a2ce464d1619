namespace Participation.Projections.Insights;

/// <summary>
/// A figure row's counts as stored: <see cref="FigureKey.Code"/>s and counts alternating in one <c>integer[]</c>, which
/// travels in binary and reads without parsing; some 1,800 of them in a busy neighbourhood's row.
/// </summary>
public static class FigureCounts
{
    public static Dictionary<int, long> Read(int[] pairs)
    {
        var counts = new Dictionary<int, long>(pairs.Length / 2);
        for (var i = 0; i + 1 < pairs.Length; i += 2) counts[pairs[i]] = pairs[i + 1];
        return counts;
    }

    /// <summary>As PostgreSQL reads an array from text (<c>{code,count,…}</c>), keys in order.</summary>
    public static string Write(Dictionary<int, long> counts) =>
        "{" + string.Join(',', counts.OrderBy(c => c.Key).Select(c => $"{c.Key},{c.Value}")) + "}";
}
