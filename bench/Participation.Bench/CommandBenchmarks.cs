using System.Globalization;

namespace Participation.Bench;

/// <summary>
/// Items 1 and 2: the case command mix over HTTP (wrk against the Host in a process of its own) against pgbench running
/// the same SQL work in one round trip, and the Wolverine endpoint against a minimal-API endpoint with the same body.
/// </summary>
public sealed class CommandBenchmarks(string connectionString, BenchSetup setup)
{
    public const int HotPercent = 10;
    public const int ContactPercent = 80;
    public const int HotCount = 5;

    private int nextHotBlock;

    public sealed record Run(LoadResult Load, double EventsPerSecond);

    /// <summary>Each run gets five fresh hot cases, so hot streams grow alike in every run.</summary>
    private int NextHotFirst() => setup.HotFirst + HotCount * nextHotBlock++;

    public async Task<Run> Http(int port, int clients, int seconds)
    {
        var hotFirst = NextHotFirst();
        if (hotFirst + HotCount > setup.HotFirst + setup.HotCases) throw new InvalidOperationException("out of seeded hot cases");
        var before = await LastSequence(BenchHost.Schema);
        var load = await Load.Wrk($"http://127.0.0.1:{port}", Path.Combine(Tools.RepoRoot, "bench", "load", "commands.lua"), clients, seconds,
            setup.WriterTokenFile, setup.Cases.ToString(CultureInfo.InvariantCulture), hotFirst.ToString(CultureInfo.InvariantCulture),
            HotCount.ToString(CultureInfo.InvariantCulture), HotPercent.ToString(CultureInfo.InvariantCulture), ContactPercent.ToString(CultureInfo.InvariantCulture));
        var after = await LastSequence(BenchHost.Schema);
        return new Run(load, (after - before) / load.Seconds);
    }

    public async Task<Run> Raw(int clients, int seconds)
    {
        var hotFirst = NextHotFirst();
        var before = await LastSequence(BenchSetup.RawSchema);
        var load = await Load.PgBench(connectionString, setup.AppendScript, clients, seconds,
            ("cases", setup.Cases.ToString(CultureInfo.InvariantCulture)), ("hotfirst", hotFirst.ToString(CultureInfo.InvariantCulture)),
            ("hotcount", HotCount.ToString(CultureInfo.InvariantCulture)), ("hotpct", HotPercent.ToString(CultureInfo.InvariantCulture)));
        var after = await LastSequence(BenchSetup.RawSchema);
        return new Run(load, (after - before) / load.Seconds);
    }

    private Task<long> LastSequence(string schema) =>
        Tools.Scalar<long>(connectionString, $"select coalesce(max(seq_id), 0) from {schema}.mt_events");
}
