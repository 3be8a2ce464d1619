using System.Diagnostics;
using Marten;
using Npgsql;
using Participation.Domain.Cases;
using Participation.Projections.Cases;
using Participation.Projections.Progress;
using Participation.Projections.Networks;

namespace Participation.Bench;

/// <summary>
/// Reads at city scale (issue 15): one large tenant and nine smaller ones seeded through Marten's bulk event insert
/// (<c>BulkInsertEventsAsync</c>, binary COPY), every projection rebuilt from them (timed against a raw COPY of the events),
/// then every read of the issue at p50/p99 against the best raw SQL for the same answer on the same data.
/// Sizes: BENCH_SCALE_CASES (default 1,000,000) in the large tenant, BENCH_SCALE_OTHERS (default 100,000) in each other.
/// BENCH_SCALE_KEEP=1 measures the reads again on what the last run seeded and rebuilt (no seeding, no rebuilds): a change
/// of the read path measured at a million cases in minutes instead of half an hour. BENCH_SCALE_READ=&lt;name&gt; times only the
/// reads whose name starts with it (e.g. "list, default" with BENCH_SCALE_RUNS=5000 under a profiler), without the export.
/// BENCH_SCALE_REBUILDS=Case,CaseDetails rebuilds only those projections and stops after the rebuilds (the reads would find
/// the other read models empty).
/// </summary>
public static class ScaleBenchmarks
{
    public const string Schema = "bench_scale";
    private const string Large = "amsterdam";

    public static async Task<IReadOnlyList<string>> Run(string connectionString)
    {
        var large = int.Parse(Environment.GetEnvironmentVariable("BENCH_SCALE_CASES") ?? "1000000");
        var others = int.Parse(Environment.GetEnvironmentVariable("BENCH_SCALE_OTHERS") ?? "100000");
        var runs = int.Parse(Environment.GetEnvironmentVariable("BENCH_SCALE_RUNS") ?? "30");
        var keep = Environment.GetEnvironmentVariable("BENCH_SCALE_KEEP") == "1";
        var lines = new List<string>();
        await using var bench = await BenchHost.StartAsync(connectionString, Schema, new Dictionary<string, string> { ["Marten:Daemon"] = "Disabled" }, reset: !keep);
        var rebuildsOnly = Environment.GetEnvironmentVariable("BENCH_SCALE_REBUILDS")?.Split(',');
        lines.AddRange(keep ? await Seeded(connectionString) : await SeedAndRebuild(bench, connectionString, large, others, rebuildsOnly));
        if (rebuildsOnly is not null) return lines;

        using var manager = bench.Client(Large, "manager");
        var reads = new (string Name, string Path, string RawSql)[]
        {
            ("dashboard", "/api/dashboard", RawDashboard),
            ("list, default sort (-lastActivityAt)", "/api/cases", $"select data from {Schema}.mt_doc_casesummary where tenant_id = '{Large}' order by last_activity_at desc, id desc limit 50"),
            ("list, sort=title", "/api/cases?sort=title", $"select data from {Schema}.mt_doc_casesummary where tenant_id = '{Large}' order by title, id limit 50"),
            ("list, sort=neighbourhood", "/api/cases?sort=-neighbourhood", $"select data from {Schema}.mt_doc_casesummary where tenant_id = '{Large}' order by neighbourhoodname desc, id desc limit 50"),
            ("list, sort=title&page=100", "/api/cases?sort=title&page=100", $"select data from {Schema}.mt_doc_casesummary where tenant_id = '{Large}' order by title, id offset 4950 limit 50"),
            ("list, text search q=zwemmen", "/api/cases?q=zwemmen", $"select data from {Schema}.mt_doc_casesummary where {TextSearch} order by last_activity_at desc, id desc limit 50"),
            ("list, domain=sport&neighbourhood=E07&status=open", "/api/cases?domain=sport&neighbourhood=E07&status=open",
                $"select data from {Schema}.mt_doc_casesummary where {ThreeFilters} order by last_activity_at desc, id desc limit 50"),
        };
        lines.Add($"### Reads in `{Large}` ({runs} runs each after a warm-up, interleaved; ms)");
        lines.Add("");
        lines.Add("| read | p50 | p99 | raw SQL p50 | raw SQL p99 | × raw (p50) | target p50 |");
        lines.Add("|---|---:|---:|---:|---:|---:|---:|");
        var deep = await DeepCursor(manager);
        var all = reads.Append(("list, deep page via cursor (after page 2,000 of sort=title)", "/api/cases?sort=title&after=" + deep.Cursor, deep.RawSql)).ToList();
        var only = Environment.GetEnvironmentVariable("BENCH_SCALE_READ");
        foreach (var (name, path, raw) in all.Where(read => only is null || read.Item1.StartsWith(only, StringComparison.Ordinal)))
        {
            var (api, sql) = await Measure.Paired(runs, () => manager.GetStringAsync(path), () => Tools.Read(connectionString, raw));
            var target = name.StartsWith("dashboard") ? "≤ 50" : name.Contains("domain=") ? "as today" : "≤ 20";
            lines.Add($"| `GET {Short(path)}` ({name}) | {P(api, 50):N1} | {P(api, 99):N1} | {P(sql, 50):N1} | {P(sql, 99):N1} | {P(api, 50) / P(sql, 50):N2} | {target} |");
        }
        lines.Add("");
        if (only is not null) return lines;
        lines.AddRange(await Exports(bench, connectionString, manager));
        lines.AddRange(await Plans(connectionString, reads.Where(read => read.Name.StartsWith("list, default") || read.Name.StartsWith("list, text") || read.Name.StartsWith("list, domain="))
            .Select(read => (read.Name, read.RawSql))));
        return lines;
    }

    private static async Task<IReadOnlyList<string>> SeedAndRebuild(BenchHost bench, string connectionString, int large, int others, string[]? only)
    {
        var lines = new List<string>();
        var watch = Stopwatch.StartNew();
        var events = await Seeder.CityCases(bench.Store, Large, large);
        for (var t = 1; t <= 9; t++) events += await Seeder.CityCases(bench.Store, $"gemeente{t}", others);
        var seeded = watch.Elapsed;
        Tools.Log($"seeded {events:N0} events in {seeded.TotalSeconds:N0} s");
        await Tools.Sql(connectionString, $"vacuum analyze {Schema}.mt_events");

        var rebuilds = await Rebuilds.Table(bench.Store, connectionString, Schema, events,
            only ?? ["Case", "CaseDetails", CaseSummaryProjectionName, CaseProgressProjection.ProjectionName, NetworksProjection.ProjectionName]);
        foreach (var table in new[] { "mt_doc_casesummary", "mt_doc_caseprogress", ProgressFigureTable.Name })
            await Tools.Sql(connectionString, $"vacuum analyze {Schema}.{table}");

        lines.Add($"### Seeded: {large:N0} cases in `{Large}`, {others:N0} in each of 9 other tenants: {events:N0} events in {seeded.TotalSeconds:N0} s ({events / seeded.TotalSeconds:N0} events/s)");
        lines.Add("");
        lines.AddRange(rebuilds);
        lines.Add("");

        return lines;
    }

    /// <summary>What the last run seeded, for a run that keeps it.</summary>
    private static async Task<IReadOnlyList<string>> Seeded(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            $"select (select count(*) from {Schema}.mt_doc_casesummary where tenant_id = '{Large}'), (select count(*) from {Schema}.mt_doc_casesummary), (select count(*) from {Schema}.mt_events)", connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        var (large, all, events) = (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
        if (large == 0) throw new InvalidOperationException($"BENCH_SCALE_KEEP=1, but {Schema} holds no cases of {Large}: run the scale benchmark once without it");
        return [$"### Kept from the last run (BENCH_SCALE_KEEP=1; no seeding, no rebuilds): {large:N0} cases in `{Large}`, {all - large:N0} in the other tenants, {events:N0} events", ""];
    }

    /// <summary>The list's three filters and its text search in raw SQL, for the reads' baselines and the plans.</summary>
    private static string ThreeFilters => $"tenant_id = '{Large}' and data ->> 'domain' = 'Sport' and data ->> 'status' = 'Open' and data -> 'neighbourhood' ->> 'code' = 'E07'";

    private static string TextSearch => $"tenant_id = '{Large}' and id in (select id from {Schema}.mt_doc_casesearchtext where tenant_id = '{Large}' and data ->> 'text' like '%zwemmen%')";

    private const string CaseSummaryProjectionName = nameof(CaseSummary);

    /// <summary>The dashboard's answer in one SQL statement over the per-case rows: what a dashboard without aggregates must do.</summary>
    private static string RawDashboard => $"""
        select data ->> 'domain', data ->> 'phase', data ->> 'status', data -> 'neighbourhood' ->> 'code', data ->> 'outcome', count(*)
        from {Schema}.mt_doc_caseprogress where tenant_id = '{Large}' group by 1, 2, 3, 4, 5
        """;

    private static async Task<(string Cursor, string RawSql)> DeepCursor(HttpClient manager)
    {
        string? after = null;
        for (var page = 0; page < 2000; page += 200)
        {
            var body = System.Text.Json.JsonDocument.Parse(await manager.GetStringAsync("/api/cases?sort=title&pageSize=200" + (after is null ? "" : "&after=" + after)));
            after = body.RootElement.GetProperty("after").GetString();
        }
        var cursor = Participation.Host.Cases.Reading.CaseListCursor.Decode(after!)!;
        return (after!, $"select data from {Schema}.mt_doc_casesummary where tenant_id = '{Large}' and (title, id) > ('{cursor.Value.Replace("'", "''")}', '{cursor.Id}') order by title, id limit 50");
    }

    private static async Task<IReadOnlyList<string>> Exports(BenchHost bench, string connectionString, HttpClient manager)
    {
        var lines = new List<string> { $"### Export of the whole list of `{Large}`", "", "| what | s | MB | MB/s | peak RSS of the benchmark process (Host in process) MB |", "|---|---:|---:|---:|---:|" };
        var before = PeakMb();
        var watch = Stopwatch.StartNew();
        using (var response = await manager.GetAsync("/api/cases/export.csv", HttpCompletionOption.ResponseHeadersRead))
        {
            var bytes = await Drain(await response.Content.ReadAsStreamAsync());
            lines.Add($"| `GET /api/cases/export.csv` | {watch.Elapsed.TotalSeconds:N1} | {bytes / 1e6:N0} | {bytes / 1e6 / watch.Elapsed.TotalSeconds:N0} | {before:N0} → {PeakMb():N0} |");
        }
        watch.Restart();
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            using var export = await connection.BeginTextExportAsync($"copy (select id, data ->> 'title', data ->> 'domain', phase, data ->> 'status' from {Schema}.mt_doc_casesummary where tenant_id = '{Large}' order by last_activity_at desc, id desc) to stdout with csv");
            var buffer = new char[64 * 1024];
            long chars = 0;
            int read;
            while ((read = await export.ReadAsync(buffer, 0, buffer.Length)) > 0) chars += read;
            lines.Add($"| raw COPY of the same rows in the same order to CSV (baseline) | {watch.Elapsed.TotalSeconds:N1} | {chars / 1e6:N0} | {chars / 1e6 / watch.Elapsed.TotalSeconds:N0} | |");
        }
        lines.Add("");
        return lines;
    }

    /// <param name="reads">Reads whose raw SQL is planned too.</param>
    private static async Task<IReadOnlyList<string>> Plans(string connectionString, IEnumerable<(string Name, string Sql)> reads)
    {
        var lines = new List<string> { "### Plans of the list's queries (EXPLAIN ANALYZE, as PostgreSQL ran them)", "" };
        foreach (var (name, sql) in reads.Concat(
                 [
                     ("three filters: the total, counted up to its bound", $"select count(*) from (select id from {Schema}.mt_doc_casesummary where {ThreeFilters} limit 10001) as matches"),
                     ("text search: the total, counted up to its bound", $"select count(*) from (select id from {Schema}.mt_doc_casesummary where {TextSearch} limit 1001) as matches"),
                     ("stalled", $"select count(*) from {Schema}.mt_doc_caseprogress where tenant_id = '{Large}' and open_quiet_since < now() - interval '30 days'"),
                 ]))
        {
            lines.Add($"{name}:");
            lines.Add("```");
            lines.AddRange(await Tools.Explain(connectionString, sql));
            lines.Add("```");
        }
        return lines;
    }

    private static async Task<long> Drain(Stream stream)
    {
        var buffer = new byte[64 * 1024];
        long total = 0;
        int read;
        while ((read = await stream.ReadAsync(buffer)) > 0) total += read;
        return total;
    }

    private static double PeakMb()
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal)) return double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024;
        return double.NaN;
    }

    private static double P(List<double> sorted, double p) => Tools.Percentile(sorted, p);

    private static string Short(string path) => path.Length > 60 ? path[..60] + "…" : path;
}
