using System.Globalization;

namespace Participation.Bench;

/// <summary>
/// <c>bash bench/run.sh longcases</c> (issue 14): does a command cost more on a long case than on a new one? Contact
/// moments recorded over HTTP (the published Host, Production) on 200 new cases (fresh ones for every run) and on 200
/// cases that already hold 200 contact moments, at 1, 4 and 16 clients, interleaved with the pgbench one-round-trip
/// append (<see cref="BenchSetup"/>); CPU per command of the Host and of the whole PostgreSQL cluster from <c>/proc</c>;
/// round trips per command; table sizes after the run. BENCH_RUNS (3) and BENCH_SECONDS (6) shorten it.
/// </summary>
public static class LongCaseBenchmarks
{
    private const int Port = 5314, Cases = 200, LongContacts = 200, LongFirst = 1, NewFirst = 10_001;
    private static readonly int[] ClientCounts = [1, 4, 16];

    private sealed record Run(string What, int Clients, LoadResult Load, double HostCpuMs, double PostgresCpuMs);

    public static async Task<IReadOnlyList<string>> Measure(string connectionString)
    {
        var runs = Env("BENCH_RUNS", 3);
        var seconds = Env("BENCH_SECONDS", 6);
        var blocks = runs * ClientCounts.Length + 1;
        var setup = new BenchSetup();
        IReadOnlyList<RoundTrips.Trips> trips;

        await Tools.Sql(connectionString, $"drop schema if exists {BenchHost.Schema} cascade");
        await using (var bench = await BenchHost.StartAsync(connectionString))
        {
            Tools.Log($"long cases: seeding {Cases} cases of {LongContacts} contact moments and {blocks * Cases:N0} new ones");
            await Seeder.Cases(bench.Store, BenchSetup.Tenant, LongFirst, Cases, LongContacts);
            await Seeder.Cases(bench.Store, BenchSetup.Tenant, NewFirst, blocks * Cases, 0);
            // On the last new block and on long cases beyond the measured ones, so neither grows the measured cases.
            trips = [.. await RoundTrips.Measure(bench, BenchSetup.Tenant, firstCase: NewFirst + (blocks - 1) * Cases, commands: 20)];
        }
        await setup.PrepareRawSchema(connectionString);
        var statements = new Statements(connectionString);
        var postmaster = await ProcessCpu.Postmaster(connectionString);
        var token = Tools.TokenFile(BenchSetup.Tenant, "caseworker");

        var results = new List<Run>();
        await using (var host = ServerProcess.Start(Tools.HostDll, Port, ServerProcess.HostEnv(connectionString, BenchHost.Schema)))
        {
            await host.WaitUntilListening();
            Tools.Log("long cases: warm-up");
            await Http(host, postmaster, token, "warm-up", NewFirst + (blocks - 1) * Cases, 4, 5);
            await Raw(connectionString, setup, postmaster, LongFirst, 4, 3);
            await statements.Reset();
            var block = 0;
            foreach (var run in Enumerable.Range(1, runs))
                foreach (var clients in ClientCounts)
                {
                    Tools.Log($"long cases: run {run}/{runs}, {clients} clients");
                    results.Add(await Http(host, postmaster, token, "new", NewFirst + block++ * Cases, clients, seconds));
                    results.Add(await Http(host, postmaster, token, "long", LongFirst, clients, seconds));
                    results.Add(await Raw(connectionString, setup, postmaster, LongFirst, clients, seconds));
                }
        }
        var top = await statements.Top(12);
        var sizes = await TableSizes(connectionString);
        return Render(results, trips, top, sizes, runs, seconds);
    }

    private static async Task<Run> Http(ServerProcess host, int postmaster, string token, string what, int first, int clients, int seconds)
    {
        var (hostBefore, pgBefore) = (ProcessCpu.Of(host.Pid), ProcessCpu.OfCluster(postmaster));
        var load = await Load.Wrk($"http://127.0.0.1:{host.Port}", Path.Combine(Tools.RepoRoot, "bench", "load", "commands.lua"), clients, seconds,
            token, Cases.ToString(CultureInfo.InvariantCulture), first.ToString(CultureInfo.InvariantCulture), Cases.ToString(CultureInfo.InvariantCulture),
            "100", "100");
        var (hostAfter, pgAfter) = (ProcessCpu.Of(host.Pid), ProcessCpu.OfCluster(postmaster));
        return new Run(what, clients, load, PerCommand(hostAfter - hostBefore, load), PerCommand(pgAfter - pgBefore, load));
    }

    private static async Task<Run> Raw(string connectionString, BenchSetup setup, int postmaster, int first, int clients, int seconds)
    {
        var before = ProcessCpu.OfCluster(postmaster);
        var load = await Load.PgBench(connectionString, setup.AppendScript, clients, seconds,
            ("cases", Cases.ToString(CultureInfo.InvariantCulture)), ("hotfirst", first.ToString(CultureInfo.InvariantCulture)),
            ("hotcount", Cases.ToString(CultureInfo.InvariantCulture)), ("hotpct", "100"));
        return new Run("baseline", clients, load, double.NaN, PerCommand(ProcessCpu.OfCluster(postmaster) - before, load));
    }

    private static double PerCommand(double cpuSeconds, LoadResult load) => load.Ok == 0 ? double.NaN : cpuSeconds * 1000 / load.Ok;

    private static async Task<List<(string Table, long Bytes)>> TableSizes(string connectionString)
    {
        await using var connection = new Npgsql.NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(
            "select c.relname, pg_total_relation_size(c.oid) from pg_class c join pg_namespace n on n.oid = c.relnamespace " +
            $"where n.nspname = '{BenchHost.Schema}' and c.relkind = 'r' and (c.relname like 'mt_doc_%' or c.relname in ('mt_events', 'mt_streams')) " +
            "order by 2 desc", connection);
        var sizes = new List<(string, long)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) sizes.Add((reader.GetString(0), reader.GetInt64(1)));
        return sizes;
    }

    /// <summary>The read models of the cases, as against the events and the stream table, the Wolverine and key tables.</summary>
    private static bool IsReadModel(string table) => table.StartsWith("mt_doc_case", StringComparison.Ordinal) || table.StartsWith("mt_doc_network", StringComparison.Ordinal);

    private static List<string> Render(List<Run> results, IReadOnlyList<RoundTrips.Trips> trips, IReadOnlyList<Statements.Row> top,
        List<(string Table, long Bytes)> sizes, int runs, int seconds)
    {
        static string N(double v, string format = "N0") => double.IsNaN(v) ? "—" : v.ToString(format, CultureInfo.InvariantCulture);
        var lines = new List<string>
        {
            $"Contact moments only (`bench/load/commands.lua`, 100 % contacts, spread over 200 cases), {runs} interleaved runs of {seconds} s per row, medians. " +
            "*new*: cases holding one participant and no contact moment (a fresh set of 200 for every run); *long*: 200 cases that held " +
            $"{LongContacts} contact moments when seeded. Baseline: pgbench's one-round-trip append of `docs/benchmarks.md` on the same cluster. " +
            "CPU per command: user + system time from `/proc` over the run, of the Host process and of the whole PostgreSQL cluster (postmaster and " +
            "every backend, the Host's background work included), divided by the commands answered `2xx`. Latencies: every request as " +
            "`bench/load/tally.lua` timed it and every transaction in pgbench's log, neither corrected for coordinated omission.",
            "",
            "| clients | cases | commands/s | p50 ms | p99 ms | wrk's corrected p99 ms | Host CPU ms/command | PostgreSQL CPU ms/command | 5xx | 409 |",
            "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|",
        };
        foreach (var clients in ClientCounts)
        {
            Run Median(string what)
            {
                var rows = results.Where(r => r.Clients == clients && r.What == what).ToList();
                var load = rows[0].Load with
                {
                    Ok = (long)Tools.Median(rows.Select(r => (double)r.Load.Ok / r.Load.Seconds)), Seconds = 1,
                    P50 = Tools.Median(rows.Select(r => r.Load.P50)), P99 = Tools.Median(rows.Select(r => r.Load.P99)),
                    WrkCorrectedP99 = Tools.Median(rows.Select(r => r.Load.WrkCorrectedP99)),
                    ServerErrors = rows.Sum(r => r.Load.ServerErrors), Conflicts = rows.Sum(r => r.Load.Conflicts),
                };
                return new Run(what, clients, load, Tools.Median(rows.Select(r => r.HostCpuMs)), Tools.Median(rows.Select(r => r.PostgresCpuMs)));
            }
            var (fresh, longer, raw) = (Median("new"), Median("long"), Median("baseline"));
            foreach (var r in new[] { fresh, longer, raw })
                lines.Add($"| {clients} | {(r.What == "baseline" ? "pgbench one round trip (baseline)" : r.What)} | {N(r.Load.OkPerSecond)} | {N(r.Load.P50, "N2")} | {N(r.Load.P99, "N2")} | " +
                          $"{N(r.Load.WrkCorrectedP99, "N2")} | {N(r.HostCpuMs, "N2")} | {N(r.PostgresCpuMs, "N2")} | {r.Load.ServerErrors} | {r.Load.Conflicts} |");
            lines.Add($"| {clients} | **long / new** | **{N(longer.Load.OkPerSecond / fresh.Load.OkPerSecond, "N2")}×** | | {N(longer.Load.P99 / fresh.Load.P99, "N2")}× | | " +
                      $"{N(longer.HostCpuMs / fresh.HostCpuMs, "N2")}× | {N(longer.PostgresCpuMs / fresh.PostgresCpuMs, "N2")}× | | |");
            lines.Add($"| {clients} | **new / baseline** | **{N(fresh.Load.OkPerSecond / raw.Load.OkPerSecond, "N2")}×** | | **{N(fresh.Load.P99 / raw.Load.P99, "N1")}×** | | | " +
                      $"{N(fresh.PostgresCpuMs / raw.PostgresCpuMs, "N1")}× | | |");
        }

        lines.AddRange(["", "Database round trips per command (in process, 20 commands each; `COMMIT` is one more):", ""]);
        foreach (var t in trips)
        {
            lines.Add($"- `{t.Command}`: **{t.PerCommand:0.##} round trips**");
            lines.AddRange(t.Statements.Select(s => $"  - {s}"));
        }

        if (top.Count > 0)
        {
            lines.AddRange(["", "Top statements by total time in PostgreSQL during the runs (`pg_stat_statements`, Host only):", "",
                "| calls | total ms | mean ms | statement |", "|---:|---:|---:|---|"]);
            lines.AddRange(top.Select(s => $"| {s.Calls:N0} | {s.TotalMs:N0} | {s.MeanMs:N3} | `{(s.Query.Length > 140 ? s.Query[..140] + "…" : s.Query).Replace("|", "\\|")}` |"));
        }

        var events = sizes.Where(s => s.Table == "mt_events").Sum(s => s.Bytes);
        var readModels = sizes.Where(s => IsReadModel(s.Table)).Sum(s => s.Bytes);
        lines.AddRange(["", $"Table sizes after the run (`pg_total_relation_size`: heap, indexes, TOAST): read models {readModels / 1048576.0:N1} MB, " +
                            $"**{(double)readModels / events:N2}× the events table** ({events / 1048576.0:N1} MB).", "", "| table | MB |", "|---|---:|"]);
        lines.AddRange(sizes.Select(s => $"| `{s.Table}`{(IsReadModel(s.Table) ? " (read model)" : "")} | {s.Bytes / 1048576.0:N1} |"));
        return lines;
    }

    private static int Env(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : fallback;
}
