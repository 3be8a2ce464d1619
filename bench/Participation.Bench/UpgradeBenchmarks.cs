using System.Diagnostics;
using Npgsql;
using Participation.Host.Operations.Rebuilds;

namespace Participation.Bench;

/// <summary>
/// A rolling upgrade at city scale (issue 29, ADR 39): the scale benchmark's cases (BENCH_UPGRADE_CASES in one tenant,
/// default 1,000,000, BENCH_UPGRADE_OTHERS in each of nine others, default 100,000) with their case read models folded;
/// a node of today's version takes contact moments (8 at a time, another tenant) alone, then while a node of a version whose
/// case read model changed starts beside it and builds that version. Timed: the same fold of <c>CaseDetails</c> on the quiet
/// store (baseline), the new node's start to its readiness (the build beside the live tables under load), and the commands'
/// throughput during it against alone; the old node's readiness answers throughout.
/// </summary>
public static class UpgradeBenchmarks
{
    public const string Schema = "bench_upgrade";
    private static readonly TimeSpan LoadWindow = TimeSpan.FromSeconds(20);

    public static async Task<IReadOnlyList<string>> Run(string connectionString)
    {
        var large = int.Parse(Environment.GetEnvironmentVariable("BENCH_UPGRADE_CASES") ?? "1000000");
        var others = int.Parse(Environment.GetEnvironmentVariable("BENCH_UPGRADE_OTHERS") ?? "100000");
        var quietSettings = new Dictionary<string, string> { ["Marten:Daemon"] = "Disabled", ["FollowUp:Timers"] = "false" };
        var lines = new List<string>
        {
            "Rerun with `bash bench/run.sh upgrade` (`BENCH_UPGRADE_CASES=100000 BENCH_UPGRADE_OTHERS=10000` for a trial). Both nodes run in " +
            "the benchmark's process (Alba, Production configuration, the async daemon and the timers off); the new one differs only " +
            "by `ReadModels:Versions:CaseDetails=2`, as a release whose case read model changed.",
            "",
        };
        // A schema of its own, from scratch: the versions a previous run left would make this one's old node superseded at once.
        await Tools.Sql(connectionString, $"drop schema if exists {Schema} cascade");
        await using var old = await BenchHost.StartAsync(connectionString, Schema, quietSettings);
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var watch = Stopwatch.StartNew();
        var events = await Seeder.CityCases(old.Store, "amsterdam", large);
        for (var t = 1; t <= 9; t++) events += await Seeder.CityCases(old.Store, $"gemeente{t}", others);
        await Tools.Sql(connectionString, $"vacuum analyze {Schema}.mt_events");
        await new FoldedRebuild(old.Store, dataSource).RunAsync(FoldedReadModels.All, null, CancellationToken.None);
        Tools.Log($"seeded {events:N0} events and folded the case read models in {watch.Elapsed.TotalSeconds:N0} s");
        lines.Add($"### {large:N0} cases in `amsterdam`, {others:N0} in each of 9 other tenants: {events:N0} events");
        lines.Add("");

        var caseDetails = FoldedReadModels.Named("CaseDetails")!;
        var quietFold = await Measure.Time(() => new FoldedRebuild(old.Store, dataSource).RunAsync([caseDetails], null, CancellationToken.None));
        Tools.Log($"CaseDetails folded on the quiet store in {quietFold / 1000:N1} s");

        using var caseworker = old.Client("commands", "caseworker");
        var load = await ContactLoad.StartAsync(caseworker);
        var alone = await load.RunAsync(LoadWindow, () => false);
        Tools.Log($"commands alone: {alone.PerSecond:N0}/s");

        // The new node starts beside the old one while the commands go on; it is ready once its version took over.
        var oldReadiness = new List<int>();
        var ready = false;
        var started = Stopwatch.StartNew();
        TimeSpan readyAfter = default, hostStarted = default;
        var upgrade = Task.Run(async () =>
        {
            await using var fresh = await BenchHost.StartAsync(connectionString, Schema,
                new Dictionary<string, string>(quietSettings) { ["ReadModels:Versions:CaseDetails"] = "2" }, reset: false);
            hostStarted = started.Elapsed;
            using var freshProbe = fresh.Host.Server.CreateClient();
            using var oldProbe = old.Host.Server.CreateClient();
            while (!ready)
            {
                oldReadiness.Add((int)(await oldProbe.GetAsync("/health/ready")).StatusCode);
                ready = (await freshProbe.GetAsync("/health/ready")).IsSuccessStatusCode;
                if (!ready) await Task.Delay(500);
            }
            readyAfter = started.Elapsed;
        });
        var during = await load.RunAsync(TimeSpan.FromMinutes(60), () => upgrade.IsCompleted);
        await upgrade;
        Tools.Log($"the new node was ready after {readyAfter.TotalSeconds:N1} s; commands meanwhile {during.PerSecond:N0}/s");

        var ratio = during.PerSecond / alone.PerSecond;
        lines.AddRange(
        [
            "| what | s | × baseline |",
            "|---|---:|---:|",
            $"| `CaseDetails` folded beside the live tables on the quiet store (`rebuild-folded -p CaseDetails`, baseline) | {quietFold / 1000:N1} | 1.00 |",
            $"| a node of `CaseDetails` version 2 started beside the old one under load, until its readiness answered 200 | {readyAfter.TotalSeconds:N1} | {readyAfter.TotalMilliseconds / quietFold:N2} |",
            $"| of which the host's start (schema check, Wolverine, Marten; the build starts with it) | {hostStarted.TotalSeconds:N1} | |",
            "",
            "| contact moments (8 at a time) | commands | s | commands/s | p50 ms | p99 ms | × alone |",
            "|---|---:|---:|---:|---:|---:|---:|",
            $"| alone (baseline) | {alone.Count:N0} | {alone.Elapsed.TotalSeconds:N1} | {alone.PerSecond:N0} | {Tools.Percentile(alone.Sorted, 50):N2} | {Tools.Percentile(alone.Sorted, 99):N2} | 1.00 |",
            $"| while the new version is built beside | {during.Count:N0} | {during.Elapsed.TotalSeconds:N1} | {during.PerSecond:N0} | {Tools.Percentile(during.Sorted, 50):N2} | {Tools.Percentile(during.Sorted, 99):N2} | {ratio:N2} |",
            "",
            $"The old node's readiness, probed every half second while the new version was built: {oldReadiness.Count(s => s == 200):N0} × 200, " +
            $"{oldReadiness.Count(s => s != 200):N0} × another status (superseded once the new version took over, it stays 200, `Degraded`).",
            "",
        ]);
        return lines;
    }
}
