using System.Globalization;

namespace Participation.Bench;

/// <summary>
/// <c>bash bench/run.sh processinglog</c>: <c>GET /api/cases/{id}</c> with the processing log (one record per participant,
/// stored before the answer, ADR 32), by default and with each read waiting for its records' WAL flush, against the same
/// Host with the log switched off: three published Hosts on the same database and data, one running at a time, each warmed up, in a rotating order. The log can only be switched off in the
/// <c>Benchmark</c> environment (or Development); the Host refuses it anywhere else, so the baseline runs as
/// <c>Benchmark</c>, which differs from Production in nothing else (no setting of the Host keys off Production by name).
/// BENCH_RUNS (default 5), BENCH_SECONDS (default 6) and BENCH_CASES (default 2,000) shorten a trial.
/// </summary>
public static class ProcessingLogBenchmarks
{
    private const int LoggedPort = 5321, UnloggedPort = 5322, SynchronousPort = 5323, WarmUpSeconds = 8;

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
        var synchronousEnv = ServerProcess.HostEnv(connectionString, BenchHost.Schema);
        synchronousEnv["ProcessingLog__SynchronousReadCommit"] = "true";
        var hosts = new (string Name, int Port, Dictionary<string, string> Env)[]
        {
            ("with the log (default: a read's records stored, durable within ms)", LoggedPort, ServerProcess.HostEnv(connectionString, BenchHost.Schema)),
            ("with the log, each read waiting for its records' WAL flush (`ProcessingLog:SynchronousReadCommit=true`)", SynchronousPort, synchronousEnv),
            ("without the log (baseline: `ProcessingLog:Enabled=false`, environment `Benchmark`)", UnloggedPort, unloggedEnv),
        };

        var before = await Records(connectionString);
        var results = new Dictionary<(int Port, int Clients), List<LoadResult>>();
        var loggedOk = 0L;
        foreach (var run in Enumerable.Range(1, runs))
        // One Host runs at a time, warmed up first, and a different one goes first each run: none meets another's background
        // work (the elected leader's agents, a JIT still compiling) or always its leftovers (autovacuum, checkpoints).
        foreach (var i in Enumerable.Range(0, hosts.Length))
        {
            var (_, port, env) = hosts[(i + run) % hosts.Length];
            await using var host = ServerProcess.Start(Tools.HostDll, port, env);
            await host.WaitUntilListening();
            Tools.Log($"processing log: run {run}/{runs}, port {port}: warm-up");
            var warmUp = await Read(port, 4, WarmUpSeconds);
            if (port != UnloggedPort) loggedOk += warmUp.Ok;
            foreach (var clients in new[] { 1, 4 })
            {
                var result = await Read(port, clients, seconds);
                (results.TryGetValue((port, clients), out var list) ? list : results[(port, clients)] = []).Add(result);
            }
        }
        var written = await Records(connectionString) - before;
        loggedOk += results.Where(r => r.Key.Port != UnloggedPort).Sum(r => r.Value.Sum(x => x.Ok));

        var lines = new List<string>
        {
            $"{cases:N0} cases of the `bench` tenant with one participant each (a parent with a name, contact details and 8 contact moments about",
            "them); `wrk` asks for random cases. Three published Hosts on the same database and data, one running at a time, each",
            $"warmed up for {WarmUpSeconds} s at 4 clients before it is measured, a different one first each run; each read with the log stores one",
            "record before its body is sent.",
            $"Records written during the runs and warm-ups: {written:N0} for {loggedOk:N0} answered reads with the log.",
            "",
            "| Host | clients | req/s (median) | × baseline | p50 (ms) | p99 (ms) | errors | each run (req/s) |",
            "|---|---|---|---|---|---|---|---|",
        };
        foreach (var clients in new[] { 1, 4 })
        {
            var baseline = Median(results[(UnloggedPort, clients)].Select(r => r.OkPerSecond));
            foreach (var (name, port, _) in hosts)
            {
                var these = results[(port, clients)];
                var median = Median(these.Select(r => r.OkPerSecond));
                lines.Add($"| {name} | {clients} | {median:N0} | {median / baseline:0.00} | {Median(these.Select(r => r.P50)):0.00} | {Median(these.Select(r => r.P99)):0.00} | " +
                          $"{these.Sum(r => r.Errors)} | {string.Join(", ", these.Select(x => x.OkPerSecond.ToString("N0", CultureInfo.InvariantCulture)))} |");
            }
        }
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
