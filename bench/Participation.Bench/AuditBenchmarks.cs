using Marten;
using Npgsql;
using Participation.Projections.Cases;

namespace Participation.Bench;

/// <summary>The audit figures: replaying a long stream (time travel) and exporting the audit log.</summary>
public static class AuditBenchmarks
{
    public static async Task<IReadOnlyList<string>> Replay(BenchHost bench, string connectionString, int events, int runs)
    {
        var tenant = "replay-" + Guid.NewGuid().ToString("N")[..8];
        var caseId = await Seeder.OneLongStream(bench.Store, tenant, events);
        using var auditor = bench.Client(tenant, "auditor");

        var timings = await Measure.Interleaved(runs,
            ($"raw SQL fetch of the {events:N0} rows (baseline)", () => BenchSetup.RawFetch(connectionString, tenant, caseId)),
            ("Marten AggregateStreamAsync<CaseDetails>", async () =>
            {
                await using var session = bench.Store.QuerySession(tenant);
                _ = await session.Events.AggregateStreamAsync<CaseDetails>(caseId) ?? throw new InvalidOperationException("no case");
            }),
            ($"GET /api/cases/{{id}}/state?version={events}", async () =>
            {
                using var response = await auditor.GetAsync($"/api/cases/{caseId}/state?version={events}");
                response.EnsureSuccessStatusCode();
                await response.Content.ReadAsByteArrayAsync();
            }));
        return Table($"Replay of a {events:N0}-event stream ({runs} interleaved runs)", timings);
    }

    public static async Task<IReadOnlyList<string>> Export(BenchHost bench, string connectionString, int streams, int eventsPerStream, int runs)
    {
        var tenant = "export-" + Guid.NewGuid().ToString("N")[..8];
        await Seeder.ManyStreams(bench.Store, tenant, streams, eventsPerStream);
        var total = streams * eventsPerStream;
        using var auditor = bench.Client(tenant, "auditor");

        var timings = await Measure.Interleaved(runs,
            ($"raw COPY of the {total:N0} rows to text (baseline)", () => RawCopy(connectionString, tenant)),
            ("GET /api/audit/export (NDJSON)", async () =>
            {
                using var response = await auditor.GetAsync("/api/audit/export", HttpCompletionOption.ResponseHeadersRead);
                response.EnsureSuccessStatusCode();
                using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
                var lines = 0;
                while (await reader.ReadLineAsync() is not null) lines++;
                if (lines != total) throw new InvalidOperationException($"exported {lines} of {total} events");
            }));
        var rows = Table($"Export of {total:N0} events ({runs} interleaved runs)", timings).ToList();
        rows.Add($"Export rate: {total / (timings[1].MedianMs / 1000):N0} events/s; raw COPY: {total / (timings[0].MedianMs / 1000):N0} rows/s.");
        return rows;
    }

    private static async Task RawCopy(string connectionString, string tenant)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        using var export = await connection.BeginTextExportAsync(
            $"copy (select seq_id, stream_id, version, type, timestamp, user_name, correlation_id, causation_id, data from {BenchHost.Schema}.mt_events " +
            $"where tenant_id = '{tenant}' order by seq_id) to stdout");
        var buffer = new char[64 * 1024];
        while (await export.ReadAsync(buffer, 0, buffer.Length) > 0) { }
    }

    private static IReadOnlyList<string> Table(string title, IReadOnlyList<Timing> timings)
    {
        var baseline = timings[0].MedianMs;
        var rows = new List<string> { $"### {title}", "", "| what | median ms | min ms | max ms | × baseline |", "|---|---:|---:|---:|---:|" };
        rows.AddRange(timings.Select(t => $"| {t.Name} | {t.MedianMs:N1} | {t.MinMs:N1} | {t.MaxMs:N1} | {t.MedianMs / baseline:N2} |"));
        rows.Add("");
        return rows;
    }
}
