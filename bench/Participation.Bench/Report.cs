using System.Globalization;
using System.Text;

namespace Participation.Bench;

/// <summary>Collects every scenario's runs and renders docs/benchmarks.md: goals first, then one table per item.</summary>
public sealed class Report(string machine, int runs, int seconds)
{
    public int RebuildRuns { get; set; } = 3;
    public IReadOnlyList<RoundTrips.Trips> Trips { get; set; } = [];
    public IReadOnlyList<Statements.Row> TopStatements { get; set; } = [];
    public List<CommandBenchmarks.Run> Http { get; } = [];
    public List<CommandBenchmarks.Run> Raw { get; } = [];
    public List<CommandBenchmarks.Run> Wolverine { get; } = [];
    public List<CommandBenchmarks.Run> Minimal { get; } = [];
    public List<LoadResult> CaseReads { get; } = [];
    public List<LoadResult> RawCaseReads { get; } = [];
    public List<LoadResult> ListReads { get; } = [];
    public List<LoadResult> RawListReads { get; } = [];
    public List<LoadResult> HealthReads { get; } = [];
    public IReadOnlyList<Timing> TimeTravel { get; set; } = [];
    public IReadOnlyList<Timing> TimeTravelInProcess { get; set; } = [];
    public RebuildBenchmarks.Result? Rebuild { get; set; }
    public int LagRate { get; set; }
    public bool LagRateIsHalfPeak { get; set; }
    public TimeSpan LagDuration { get; } = TimeSpan.FromSeconds(30);
    public IReadOnlyList<ProgressBenchmarks.LagRun> Lag { get; set; } = [];
    public IReadOnlyList<ColdStartBenchmarks.Start> ColdStarts { get; set; } = [];

    private readonly List<string> goals = [];

    public string Render(string? notes)
    {
        var body = new StringBuilder();
        Commands(body);
        Framework(body);
        Reads(body);
        LagSection(body);
        RebuildSection(body);
        ColdStart(body);

        var doc = new StringBuilder();
        doc.AppendLine("# Benchmarks").AppendLine();
        doc.AppendLine("Reproduce with **`bash bench/run.sh all`** (≈ 15 minutes; not part of the test run). It builds Release, seeds its own schemas " +
                       "(`bench`, `bench_raw`, `bench_rebuild`) on the embedded PostgreSQL (`scripts/db.sh`, or `ConnectionStrings__Marten`), starts the Host " +
                       "as a process of its own as it is deployed (published ReadyToRun by `scripts/publish.sh`, Production configuration, static generated " +
                       "code, schema applied beforehand; README, ADR 9), drives it with `wrk` and compares every figure with a " +
                       "raw-PostgreSQL baseline measured in the same run, interleaved (A, B, A, B, …). Figures are medians of the runs; the machines are shared " +
                       "and noisy, so only the ratios are meant to be compared between runs. The audit scenarios (replay, export) stay in " +
                       "[benchmarks/audit.md](benchmarks/audit.md) (`bash bench/run.sh`).").AppendLine();
        doc.AppendLine($"**Run:** {machine}. {runs} interleaved runs per scenario, {seconds} s per load run. Load generator and server share the two cores.").AppendLine();
        doc.AppendLine("## Goals").AppendLine();
        doc.AppendLine("| goal | measured | baseline (same run) | ratio / value | target | |").AppendLine("|---|---|---|---:|---|---|");
        foreach (var g in goals) doc.AppendLine(g);
        doc.AppendLine();
        doc.Append(body);
        if (notes is not null) doc.AppendLine(notes.Trim()).AppendLine();
        return doc.ToString();
    }

    private void Goal(string goal, string measured, string baseline, double value, string format, string target, bool met) =>
        goals.Add($"| {goal} | {measured} | {baseline} | {(double.IsNaN(value) ? "—" : value.ToString(format, CultureInfo.InvariantCulture))} | {target} | {(double.IsNaN(value) ? "not run" : met ? "**met**" : "**missed**")} |");

    private static double M(IEnumerable<double> values) => Tools.Median(values);

    private void Commands(StringBuilder b)
    {
        if (Http.Count == 0) return;
        b.AppendLine("## 1. Command throughput and latency").AppendLine();
        b.AppendLine($"`wrk` (a thread per connection, `bench/load/commands.lua`, each request timed by the script as pgbench times each transaction) against the Host: {CommandBenchmarks.ContactPercent} % record a contact moment, the rest add a " +
                     $"participant; {100 - CommandBenchmarks.HotPercent} % go to any of the seeded cases, {CommandBenchmarks.HotPercent} % to {CommandBenchmarks.HotCount} hot cases " +
                     "(fresh ones each run). Every command appends one event and updates three inline projections. Baseline: `pgbench -M prepared` running " +
                     "one statement per transaction (`bench_raw`, copies of the Host's tables with their indexes and rows): lock and bump the stream's version, " +
                     "append two events (the unique (tenant, stream, version) index is the version check), upsert one case-summary document, with the same " +
                     "case mix. Latencies in ms at the client; errors are per run summed over all runs.").AppendLine();
        b.AppendLine("| clients | what | commands/s | events/s | p50 | p95 | p99 | 5xx | 409 | other errors |").AppendLine("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var clients in new[] { 1, 4, 16 })
        {
            var http = Http.Where(r => r.Load.Clients == clients).ToList();
            var raw = Raw.Where(r => r.Load.Clients == clients).ToList();
            if (http.Count == 0) continue;
            Row(b, clients, "HTTP commands (Host)", http);
            Row(b, clients, "pgbench one round trip (baseline)", raw);
            var ratio = M(http.Select(r => r.Load.OkPerSecond)) / M(raw.Select(r => r.Load.OkPerSecond));
            var p99 = M(http.Select(r => r.Load.P99)) / M(raw.Select(r => r.Load.P99));
            b.AppendLine($"| {clients} | **ratio Host / baseline** | **{ratio:0.00}×** | | {M(http.Select(r => r.Load.P50)) / M(raw.Select(r => r.Load.P50)):0.0}× | {M(http.Select(r => r.Load.P95)) / M(raw.Select(r => r.Load.P95)):0.0}× | **{p99:0.0}×** | | | |");
            if (clients >= 4)
                Goal($"commands/s at {clients} clients", $"{M(http.Select(r => r.Load.OkPerSecond)):N0}/s", $"pgbench {M(raw.Select(r => r.Load.OkPerSecond)):N0} tx/s", ratio, "0.00×", "≥ 0.70×", ratio >= 0.7);
            Goal($"p99 at {clients} client{(clients > 1 ? "s" : "")}", $"{M(http.Select(r => r.Load.P99)):0.0} ms", $"pgbench {M(raw.Select(r => r.Load.P99)):0.00} ms", p99, "0.0×", "≤ 3×", p99 <= 3);
        }
        var all = Http.Concat(Wolverine).Concat(Minimal).ToList();
        var fivexx = all.Sum(r => r.Load.ServerErrors);
        Goal("zero 5xx", $"{fivexx} of {all.Sum(r => r.Load.Requests):N0} requests (items 1, 2)", "—", fivexx, "0", "0", fivexx == 0);
        b.AppendLine();

        if (Trips.Count > 0)
        {
            b.AppendLine("Database round trips per command (Npgsql command/batch executions tied to the request, in process, 20 commands each; " +
                         "`BEGIN` travels with the first of them, `COMMIT` is one more round trip that Npgsql does not trace):").AppendLine();
            foreach (var t in Trips)
            {
                b.AppendLine($"- `{t.Command}`: **{t.PerCommand:0.#} round trips**");
                foreach (var s in t.Statements) b.AppendLine($"  - {s.Replace("|", "\\|")}");
            }
            b.AppendLine();
        }
        if (TopStatements.Count > 0)
        {
            b.AppendLine("Top statements by total execution time in PostgreSQL during the command runs (`pg_stat_statements`, Host only):").AppendLine();
            b.AppendLine("| calls | total ms | mean ms | statement |").AppendLine("|---:|---:|---:|---|");
            foreach (var s in TopStatements)
                b.AppendLine($"| {s.Calls:N0} | {s.TotalMs:N0} | {s.MeanMs:0.000} | `{(s.Query.Length > 140 ? s.Query[..140] + "…" : s.Query).Replace("|", "\\|").Replace("`", "'")}` |");
            b.AppendLine();
        }
    }

    private static void Row(StringBuilder b, int clients, string what, List<CommandBenchmarks.Run> runs) =>
        b.AppendLine($"| {clients} | {what} | {M(runs.Select(r => r.Load.OkPerSecond)):N0} | {M(runs.Select(r => r.EventsPerSecond)):N0} | " +
                     $"{M(runs.Select(r => r.Load.P50)):0.00} | {M(runs.Select(r => r.Load.P95)):0.00} | {M(runs.Select(r => r.Load.P99)):0.00} | " +
                     $"{runs.Sum(r => r.Load.ServerErrors)} | {runs.Sum(r => r.Load.Conflicts)} | {runs.Sum(r => r.Load.ClientErrors + r.Load.SocketErrors)} |");

    private void Framework(StringBuilder b)
    {
        if (Wolverine.Count == 0) return;
        b.AppendLine("## 2. Framework overhead").AppendLine();
        b.AppendLine("The same command mix against the same schema, once through the Host's Wolverine endpoints and once through `bench/MinimalApi`: plain " +
                     "minimal-API endpoints that call the Host's own endpoint bodies (`RecordContactEndpoint.Post`, `AddParticipantEndpoint.Post`) with the same " +
                     "JSON options, JWT security, problem details, event metadata and Marten configuration (inline projections, seals), opening the session " +
                     "and locking the stream themselves. What differs is Wolverine (generated handler, outbox session, message context, idempotency hooks).").AppendLine();
        b.AppendLine("| clients | endpoint | commands/s | p50 | p95 | p99 | 5xx | 409 |").AppendLine("|---:|---|---:|---:|---:|---:|---:|---:|");
        foreach (var clients in new[] { 1, 4 })
        {
            var w = Wolverine.Where(r => r.Load.Clients == clients).ToList();
            var m = Minimal.Where(r => r.Load.Clients == clients).ToList();
            if (w.Count == 0) continue;
            foreach (var (name, rows) in new[] { ("Wolverine HTTP (Host)", w), ("minimal API + Marten (baseline)", m) })
                b.AppendLine($"| {clients} | {name} | {M(rows.Select(r => r.Load.OkPerSecond)):N0} | {M(rows.Select(r => r.Load.P50)):0.00} | " +
                             $"{M(rows.Select(r => r.Load.P95)):0.00} | {M(rows.Select(r => r.Load.P99)):0.00} | {rows.Sum(r => r.Load.ServerErrors)} | {rows.Sum(r => r.Load.Conflicts)} |");
            var ratio = M(w.Select(r => r.Load.OkPerSecond)) / M(m.Select(r => r.Load.OkPerSecond));
            b.AppendLine($"| {clients} | **ratio Wolverine / minimal API** | **{ratio:0.00}×** | | | | | |");
            Goal($"Wolverine endpoint vs minimal API, {clients} client{(clients > 1 ? "s" : "")}", $"{M(w.Select(r => r.Load.OkPerSecond)):N0}/s",
                $"minimal API {M(m.Select(r => r.Load.OkPerSecond)):N0}/s", ratio, "0.00×", "≥ 0.95×", ratio >= 0.95);
        }
        b.AppendLine();
    }

    private void Reads(StringBuilder b)
    {
        if (CaseReads.Count == 0 && TimeTravel.Count == 0) return;
        b.AppendLine("## 3. Reads").AppendLine();
        b.AppendLine("One client (`wrk -c1`, `bench/load/reads.lua`) against pgbench running the statement Marten sends for the same rows " +
                     "(`pg_stat_statements`), one client. Latencies in ms.").AppendLine();
        b.AppendLine("| read | what | requests/s | p50 | p95 | p99 | errors |").AppendLine("|---|---|---:|---:|---:|---:|---:|");
        foreach (var (name, http, raw) in new[] { ("GET /api/cases/{id} (random seeded case)", CaseReads, RawCaseReads), ($"GET {BenchSetup.ListPath}", ListReads, RawListReads) })
        {
            if (http.Count == 0) continue;
            foreach (var (what, rows) in new[] { ("HTTP (Host)", http), ("raw SQL, pgbench (baseline)", raw) })
                b.AppendLine($"| `{name}` | {what} | {M(rows.Select(r => r.OkPerSecond)):N0} | {M(rows.Select(r => r.P50)):0.00} | {M(rows.Select(r => r.P95)):0.00} | " +
                             $"{M(rows.Select(r => r.P99)):0.00} | {rows.Sum(r => r.Errors + r.Conflicts)} |");
            b.AppendLine($"| | **ratio** | **{M(http.Select(r => r.OkPerSecond)) / M(raw.Select(r => r.OkPerSecond)):0.00}×** | {M(http.Select(r => r.P50)) / M(raw.Select(r => r.P50)):0.0}× | " +
                         $"{M(http.Select(r => r.P95)) / M(raw.Select(r => r.P95)):0.0}× | {M(http.Select(r => r.P99)) / M(raw.Select(r => r.P99)):0.0}× | |");
        }
        if (HealthReads.Count > 0)
            b.AppendLine($"| `GET /health/live` (no token, no database: this machine's HTTP floor) | HTTP (Host) | {M(HealthReads.Select(r => r.OkPerSecond)):N0} | " +
                         $"{M(HealthReads.Select(r => r.P50)):0.00} | {M(HealthReads.Select(r => r.P95)):0.00} | {M(HealthReads.Select(r => r.P99)):0.00} | {HealthReads.Sum(r => r.Errors)} |");
        if (CaseReads.Count > 0)
        {
            var p99 = M(CaseReads.Select(r => r.P99));
            Goal("case read p99", "GET /api/cases/{id}, 1 client", $"raw fetch p99 {M(RawCaseReads.Select(r => r.P99)):0.00} ms", p99, "0.00' ms'", "≤ 2 ms", p99 <= 2);
        }
        b.AppendLine();
        if (TimeTravel.Count > 0)
        {
            b.AppendLine("Time travel over one 10,000-event stream (sequential requests from the benchmark process, interleaved):").AppendLine();
            b.AppendLine("| what | median ms | min ms | max ms | × baseline |").AppendLine("|---|---:|---:|---:|---:|");
            foreach (var t in TimeTravel) b.AppendLine($"| {t.Name} | {t.MedianMs:N1} | {t.MinMs:N1} | {t.MaxMs:N1} | {t.MedianMs / TimeTravel[0].MedianMs:0.00} |");
            b.AppendLine();
            if (TimeTravelInProcess.Count > 0)
            {
                b.AppendLine("The same stream inside Marten, in process (Alba host, before the Host process starts; analysis):").AppendLine();
                b.AppendLine("| what | median ms | min ms | max ms | × baseline |").AppendLine("|---|---:|---:|---:|---:|");
                foreach (var t in TimeTravelInProcess) b.AppendLine($"| {t.Name} | {t.MedianMs:N1} | {t.MinMs:N1} | {t.MaxMs:N1} | {t.MedianMs / TimeTravelInProcess[0].MedianMs:0.00} |");
                b.AppendLine();
            }
            var ratio = TimeTravel[^1].MedianMs / TimeTravel[0].MedianMs;
            Goal("time travel, 10,000 events", $"{TimeTravel[^1].MedianMs:N0} ms", $"raw fetch {TimeTravel[0].MedianMs:N0} ms", ratio, "0.0×", "≤ 3×", ratio <= 3);
        }
    }

    private void LagSection(StringBuilder b)
    {
        if (Lag.Count == 0) return;
        b.AppendLine("## 4. Async daemon lag").AppendLine();
        b.AppendLine($"The Host in process (Production configuration, the async projections distributed by Wolverine), driven at {LagRate} commands/s: " +
                     (LagRateIsHalfPeak ? "half the Host's throughput at 16 clients in this run" : "BENCH_LAG_RATE (the command runs were left out)") +
                     ". The same scenario at other rates: `bash bench/run.sh progress` " +
                     "([benchmarks/progress.md](benchmarks/progress.md)).").AppendLine();
        foreach (var row in ProgressBenchmarks.LagTable(Lag, LagDuration)) b.AppendLine(row);
        var worst = Lag.Max(r => r.LagP99);
        Goal("daemon lag p99 at half load", $"{worst:N0} ms (worst shard) at {LagRate} commands/s", "—", worst / 1000, "0.00' s'", "≤ 1 s", worst <= 1000);
    }

    private void RebuildSection(StringBuilder b)
    {
        if (Rebuild is null) return;
        var events = Rebuild.Events;
        var t = Rebuild.Timings;
        b.AppendLine("## 4. Projection rebuild").AppendLine();
        var runs = RebuildRuns;
        b.AppendLine($"{events:N0} events in {events / 100:N0} case streams of 100 events (written with Marten's serializer straight into its tables by binary COPY, {events / Rebuild.SeedTime.TotalSeconds:N0} events/s, so no document exists before the first rebuild). " +
                     "The goal's figure: all three inline projections rebuilt at once (one `store.BuildProjectionDaemonAsync()` daemon, `RebuildProjectionAsync` " +
                     "for each, awaited together), interleaved with the baseline: a raw binary COPY of the same event rows out of `mt_events` piped into COPY " +
                     "into a table of the same shape. Then each projection alone, once, to show what each costs.").AppendLine();
        b.AppendLine("| what | runs | median s | min s | max s | events/s | × baseline rate |").AppendLine("|---|---:|---:|---:|---:|---:|---:|");
        var copyRate = events / (t[0].MedianMs / 1000);
        foreach (var x in t.Concat(Rebuild.Each))
            b.AppendLine($"| {x.Name} | {(Rebuild.Each.Contains(x) ? 1 : runs)} | {x.MedianMs / 1000:N1} | {x.MinMs / 1000:N1} | {x.MaxMs / 1000:N1} | {events / (x.MedianMs / 1000):N0} | {events / (x.MedianMs / 1000) / copyRate:0.00} |");
        var eachSeconds = Rebuild.Each.Sum(x => x.MedianMs) / 1000;
        b.AppendLine($"| the three alone, one after another (sum) | 1 | {eachSeconds:N1} | | | {events / eachSeconds:N0} | {events / eachSeconds / copyRate:0.00} |");
        b.AppendLine();
        var allRate = events / (t[1].MedianMs / 1000);
        Goal("rebuild of every projection", $"{allRate:N0} events/s", $"raw COPY {copyRate:N0} rows/s", allRate / copyRate, "0.00×", "≥ 0.25×", allRate / copyRate >= 0.25);
    }

    private void ColdStart(StringBuilder b)
    {
        if (ColdStarts.Count == 0) return;
        b.AppendLine("## 5. Cold start").AppendLine();
        b.AppendLine("`dotnet <app>.dll` started by the benchmark (schema already in place), `GET /health/live` polled every 10 ms until it answers, then " +
                     "the first command: `POST /api/cases` for the Host, one insert for the baseline. Peak memory is the process's VmHWM after that command. " +
                     "All three apps are published the same way (ReadyToRun). The Host variants differ in one setting each: " +
                     "`Database__ApplySchemaOnStartup` (the deployed Host leaves the schema to `resources setup`) and `Wolverine__CodeGeneration`.").AppendLine();
        b.AppendLine("| variant | listening ms | first request ms | start → first command ms | peak MB | × baseline (start → first command) |").AppendLine("|---|---:|---:|---:|---:|---:|");
        var baseline = M(ColdStarts.Where(s => s.Variant == ColdStartBenchmarks.Baseline).Select(s => s.TotalMs));
        foreach (var g in ColdStarts.GroupBy(s => s.Variant))
            b.AppendLine($"| {g.Key} | {M(g.Select(s => s.ListeningMs)):N0} | {M(g.Select(s => s.FirstRequestMs)):N0} | {M(g.Select(s => s.TotalMs)):N0} | " +
                         $"{M(g.Select(s => s.PeakMb)):N0} | {M(g.Select(s => s.TotalMs)) / baseline:0.00} |");
        b.AppendLine();
        var production = M(ColdStarts.Where(s => s.Variant == ColdStartBenchmarks.Static).Select(s => s.TotalMs));
        var dynamic = M(ColdStarts.Where(s => s.Variant == ColdStartBenchmarks.Dynamic).Select(s => s.TotalMs));
        Goal("cold start (Production)", $"{production:N0} ms to first command", $"minimal API + Npgsql {baseline:N0} ms", production / baseline, "0.00×", "≤ 1.5×", production / baseline <= 1.5);
        Goal("cold start, dynamic codegen (info)", $"{dynamic:N0} ms", $"Production {production:N0} ms", dynamic / production, "0.00×", "(vs static)", true);
    }
}
