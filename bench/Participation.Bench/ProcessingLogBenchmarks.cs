using System.Globalization;

namespace Participation.Bench;

/// <summary>
/// <c>bash bench/run.sh processinglog</c>: <c>GET /api/cases/{id}</c> with the processing log (one record per participant,
/// stored before the answer, ADR 32) against the same Host with the log switched off, both published and running side by
/// side on the same database and data, measured alternately in the same run. The log can only be switched off in the
/// <c>Benchmark</c> environment (or Development); the Host refuses it anywhere else, so the baseline runs as
/// <c>Benchmark</c>, which differs from Production in nothing else (no setting of the Host keys off Production by name).
/// BENCH_RUNS (default 5), BENCH_SECONDS (default 6) and BENCH_CASES (default 2,000) shorten a trial.
/// </summary>
public static class ProcessingLogBenchmarks
{
    private const int LoggedPort = 5321, UnloggedPort = 5322;

    public static async Task<IReadOnlyList<string>> Run(string connectionString)
    {
        var runs = Env("BENCH_RUNS", 5);
        var seconds = Env("BENCH_SECONDS", 6);
        var cases = Env("BENCH_CASES", 2_000);
        await Tools.Sql(connectionString, $"drop schema if exists {BenchHost.Schema} cascade");
        await using (var bench = await BenchHost.StartAsync(connectionString))
            await Seeder.Cases(bench.Store, BenchSetup.Tenant, 1, cases, 8);
        Tools.Log($"seeded {cases:N0} cases, one participant each");
        var token = Tools.TokenFile(BenchSetup.Tenant, "caseworker");
        var script = Path.Combine(Tools.RepoRoot, "bench", "load", "reads.lua");
        Task<LoadResult> Read(int port, int clients, int s) =>
            Load.Wrk($"http://127.0.0.1:{port}", script, clients, s, token, cases.ToString(CultureInfo.InvariantCulture), "/api/cases/%s");

        var unloggedEnv = ServerProcess.HostEnv(connectionString, BenchHost.Schema);
        unloggedEnv["ASPNETCORE_ENVIRONMENT"] = unloggedEnv["DOTNET_ENVIRONMENT"] = "Benchmark";
        unloggedEnv["ProcessingLog__Enabled"] = "false";
        await using var logged = ServerProcess.Start(Tools.HostDll, LoggedPort, ServerProcess.HostEnv(connectionString, BenchHost.Schema));
        await using var unlogged = ServerProcess.Start(Tools.HostDll, UnloggedPort, unloggedEnv);
        await logged.WaitUntilListening();
        await unlogged.WaitUntilListening();

        Tools.Log("processing log: warm-up");
        await Read(LoggedPort, 4, 3);
        await Read(UnloggedPort, 4, 3);
        var before = await Records(connectionString);
        var results = new Dictionary<(bool Logged, int Clients), List<LoadResult>>();
        foreach (var run in Enumerable.Range(1, runs))
        foreach (var clients in new[] { 1, 4 })
        {
            Tools.Log($"processing log: run {run}/{runs}, {clients} clients");
            // Alternate which goes first, so neither always meets the other's leftovers (autovacuum, checkpoints).
            foreach (var withLog in run % 2 == 1 ? new[] { true, false } : [false, true])
            {
                var result = await Read(withLog ? LoggedPort : UnloggedPort, clients, seconds);
                (results.TryGetValue((withLog, clients), out var list) ? list : results[(withLog, clients)] = []).Add(result);
            }
        }
        var written = await Records(connectionString) - before;
        var loggedOk = results.Where(r => r.Key.Logged).Sum(r => r.Value.Sum(x => x.Ok));
        var unloggedRequests = results.Where(r => !r.Key.Logged).Sum(r => r.Value.Sum(x => x.Ok));

        var lines = new List<string>
        {
            $"{cases:N0} cases of the `bench` tenant with one participant each (a parent with a name, contact details and 8 contact moments about",
            "them); `wrk` asks for random cases. Each answered read wrote one record before its body was sent.",
            $"Records written during the runs: {written:N0} for {loggedOk:N0} answered reads with the log (the unlogged Host answered {unloggedRequests:N0}).",
            "",
            "| clients | with the log (req/s, median) | without (req/s, median) | × | p50 with / without (ms) | p99 with / without (ms) | errors |",
            "|---|---|---|---|---|---|---|",
        };
        foreach (var clients in new[] { 1, 4 })
        {
            var with = results[(true, clients)];
            var without = results[(false, clients)];
            var ratio = Median(with.Select(r => r.OkPerSecond)) / Median(without.Select(r => r.OkPerSecond));
            lines.Add($"| {clients} | {Median(with.Select(r => r.OkPerSecond)):N0} | {Median(without.Select(r => r.OkPerSecond)):N0} | {ratio:0.00} | " +
                      $"{Median(with.Select(r => r.P50)):0.00} / {Median(without.Select(r => r.P50)):0.00} | {Median(with.Select(r => r.P99)):0.00} / {Median(without.Select(r => r.P99)):0.00} | " +
                      $"{with.Sum(r => r.Errors)} / {without.Sum(r => r.Errors)} |");
        }
        lines.Add("");
        lines.Add("Each run: " + string.Join("; ", results.OrderBy(r => r.Key.Clients).ThenByDescending(r => r.Key.Logged)
            .Select(r => $"{(r.Key.Logged ? "with" : "without")} at {r.Key.Clients}: {string.Join(", ", r.Value.Select(x => x.OkPerSecond.ToString("N0", CultureInfo.InvariantCulture)))}")));
        return lines;
    }

    private static async Task<long> Records(string connectionString) =>
        await Tools.Scalar<long>(connectionString, $"select count(*) from {BenchHost.Schema}.processing_log");

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static int Env(string name, int fallback) => int.TryParse(Environment.GetEnvironmentVariable(name), out var value) ? value : fallback;
}
