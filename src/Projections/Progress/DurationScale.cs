namespace Participation.Projections.Progress;

/// <summary>
/// The buckets of the time-in-phase digests (ADR 20). A duration falls in a bucket whose width grows with it: 0.01 day
/// below 10 days, 0.1 day below 100, 1 day below 1,000, 10 days beyond (level 0 to 3), so any duration is within 1 % or
/// 0.01 day of its bucket's bounds. Each bucket keeps its count and the sum of its values, and answers their mean: a value
/// alone in its bucket comes back exact. A phase a case is still in has no fixed duration; it is kept by its effective
/// start (the running stay's start minus earlier stays in the phase) in buckets of every level, and a reading takes, for
/// each range of ages, the level whose width fits it.
/// </summary>
public static class DurationScale
{
    public const int Levels = 4;
    private const double SecondsPerDay = 86_400;

    /// <summary>Moments are counted in seconds from here, small enough for a sum of a million of them to stay exact to the second.</summary>
    public static readonly DateTimeOffset Origin = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The width of a level's buckets, in days.</summary>
    public static double WidthInDays(int level) => 0.01 * Math.Pow(10, level);

    private static long WidthInSeconds(int level) => (long)Math.Round(WidthInDays(level) * SecondsPerDay);

    /// <summary>The level and bucket of a finished duration.</summary>
    public static (short Level, long Bucket) OfDuration(double days)
    {
        var level = (short)Math.Clamp((int)Math.Floor(Math.Log10(Math.Max(days, 1e-9))), 0, Levels - 1);
        return (level, (long)Math.Floor(days / WidthInDays(level)));
    }

    public static double Seconds(DateTimeOffset at) => (at - Origin).TotalSeconds;

    /// <summary>The UTC day a moment falls on, counted from <see cref="Origin"/>.</summary>
    public static long Day(DateTimeOffset at) => (long)Math.Floor(Seconds(at) / SecondsPerDay);

    public static DateTimeOffset StartOf(long day) => Origin.AddDays(day);

    /// <summary>The bucket of an effective start at one level.</summary>
    public static long OfStart(double seconds, int level) => (long)Math.Floor(seconds / WidthInSeconds(level));

    /// <summary>
    /// For a reading at <paramref name="now"/>: per level, the first and the end (exclusive) bucket of effective starts it
    /// answers for. Level 0 holds the starts of the last 10 days, level 1 those 10 to 100 days back, and so on; each cut lies
    /// on a bucket boundary of the coarser level, so no start is read twice or missed.
    /// </summary>
    public static IReadOnlyList<(int Level, long From, long Until)> StartWindows(DateTimeOffset now)
    {
        var windows = new List<(int, long, long)>();
        var until = long.MaxValue; // in seconds from the origin
        for (var level = 0; level < Levels; level++)
        {
            var width = WidthInSeconds(level);
            long from;
            if (level == Levels - 1) from = long.MinValue;
            else
            {
                var coarser = WidthInSeconds(level + 1);
                from = (long)Math.Floor((Seconds(now) - 1000 * WidthInDays(level) * SecondsPerDay) / coarser) * coarser;
            }
            windows.Add((level, from == long.MinValue ? long.MinValue : from / width, until == long.MaxValue ? long.MaxValue : until / width));
            until = from;
        }
        return windows;
    }
}
