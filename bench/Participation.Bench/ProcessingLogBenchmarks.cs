using System.Globalization;

namespace Participation.Bench;

/// <summary>
/// <c>bash bench/run.sh processinglog</c>: <c>GET /api/cases/{id}</c> with the processing log (one record per participant,
/// stored before the answer, ADR 32), by default and with each read waiting for its records' WAL flush, against the same
/// Host with the log switched off: three published Hosts side by side on the same database and data, measured in turn. The log can only be switched off in the
/// <c>Benchmark</c> environment (or Development); the Host refuses it anywhere else, so the baseline runs as
/// <c>Benchmark</c>, which differs from Production in nothing else (no setting of the Host keys off Production by name).
/// BENCH_RUNS (default 5), BENCH_SECONDS (default 6) and BENCH_CASES (default 2,000) shorten a trial.
/// </summary>
public static class ProcessingLogBenchmarks
{
    private const int LoggedPort = 5321, UnloggedPort = 5322, SynchronousPort = 5323;

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
        await using var logged = ServerProcess.Start(Tools.HostDll, LoggedPort, ServerProcess.HostEnv(connectionString, BenchHost.Schema));
        await using var synchronous = ServerProcess.Start(Tools.HostDll, SynchronousPort, synchronousEnv);
        await using var unlogged = ServerProcess.Start(Tools.HostDll, UnloggedPort, unloggedEnv);
        await logged.WaitUntilListening();
        await synchronous.WaitUntilListening();
        await unlogged.WaitUntilListening();
        var hosts = new (string Name, int Port)[]
        {
            ("with the log (default: a read's records stored, durable within ms)", LoggedPort),
            ("with the log, each read waiting for its records' WAL flush (`ProcessingLog:SynchronousReadCommit=true`)", SynchronousPort),
            ("without the log (baseline: `ProcessingLog:Enabled=false`, environment `Benchmark`)", UnloggedPort),
        };

        Tools.Log("processing log: warm-up");
        foreach (var (_, port) in hosts) await Read(port, 4, 3);
        var before = await Records(connectionString);
        var results = new Dictionary<(int Port, int Clients), List<LoadResult>>();
        foreach (var run in Enumerable.Range(1, runs))
        foreach (var clients in new[] { 1, 4 })
        {
            Tools.Log($"processing log: run {run}/{runs}, {clients} clients");
            // A different host goes first each run, so none always meets another's leftovers (autovacuum, checkpoints).
            foreach (var i in Enumerable.Range(0, hosts.Length))
            {
                var port = hosts[(i + run) % hosts.Length].Port;
                var result = await Read(port, clients, seconds);
                (results.TryGetValue((port, clients), out var list) ? list : results[(port, clients)] = []).Add(result);
            }
        }
        var written = await Records(connectionString) - before;
        var loggedOk = results.Where(r => r.Key.Port != UnloggedPort).Sum(r => r.Value.Sum(x => x.Ok));

        var lines = new List<string>
        {
            $"{cases:N0} cases of the `bench` tenant with one participant each (a parent with a name, contact details and 8 contact moments about",
            "them); `wrk` asks for random cases. Three published Hosts side by side on the same database and data, measured in turn;",
            "each read with the log stores one record before its body is sent.",
            $"Records written during the runs: {written:N0} for {loggedOk:N0} answered reads with the log.",
            "",
            "| Host | clients | req/s (median) | × baseline | p50 (ms) | p99 (ms) | errors | each run (req/s) |",
            "|---|---|---|---|---|---|---|---|",
        };
        foreach (var clients in new[] { 1, 4 })
        {
            var baseline = Median(results[(UnloggedPort, clients)].Select(r => r.OkPerSecond));
            foreach (var (name, port) in hosts)
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
