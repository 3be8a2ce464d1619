using System.Diagnostics;
using Marten;
using Npgsql;
using Participation.Domain.Cases;
using Participation.Projections.Cases;

namespace Participation.Bench;

/// <summary>
/// The inline projections' rebuild: rebuilding Case, CaseDetails and CaseSummary from ≥ 1,000,000 events with
/// Marten's projection daemon, against the raw COPY rate of the same event rows (COPY out of mt_events piped into COPY
/// into a table of the same shape, binary format: reading and writing every row once, as a rebuild must at least read them).
/// </summary>
public sealed class RebuildBenchmarks(string connectionString)
{
    public const string Schema = "bench_rebuild";
    public const string Tenant = "rebuild";

    /// <summary>Timings: baseline first, then rebuilding all three projections at once; Each: one pass per projection, one after another.</summary>
    public sealed record Result(IReadOnlyList<Timing> Timings, IReadOnlyList<Timing> Each, long Events, TimeSpan SeedTime);

    public async Task<Result> Measure(int streams, int eventsPerStream, int runs)
    {
        Result result;
        await using (var bench = await BenchHost.StartAsync(connectionString, Schema))
            result = await Measure(bench, streams, eventsPerStream, runs);
        await Tools.Sql(connectionString, $"drop schema if exists {Schema} cascade"); // a million events: don't leave them behind
        return result;
    }

    private async Task<Result> Measure(BenchHost bench, int streams, int eventsPerStream, int runs)
    {
        var watch = Stopwatch.StartNew();
        await Seeder.CopyStreams(bench.Store, connectionString, Schema, Tenant, streams, eventsPerStream);
        var seedTime = watch.Elapsed;
        var events = await Tools.Scalar<long>(connectionString, $"select count(*) from {Schema}.mt_events");
        Tools.Log($"seeded {events:N0} events in {seedTime.TotalSeconds:N0} s ({events / seedTime.TotalSeconds:N0} events/s by COPY)");
        await Tools.Sql(connectionString, $"""
            drop table if exists {BenchSetup.RawSchema}.events_copy;
            create table {BenchSetup.RawSchema}.events_copy (like {Schema}.mt_events including all);
            """);
        await Tools.Sql(connectionString, $"vacuum analyze {Schema}.mt_events");

        // One pass per projection (what limits each), then the goal's figure: every projection rebuilt, all three at once.
        var each = await global::Participation.Bench.Measure.Interleaved(1, warmUp: false,
            ("rebuild Case (decision snapshot) alone", () => Rebuild(bench.Store, typeof(Case))),
            ("rebuild CaseDetails alone", () => Rebuild(bench.Store, typeof(CaseDetailsRowsProjection))),
            ("rebuild CaseSummary alone", () => Rebuild(bench.Store, typeof(CaseSummary))));
        var timings = await global::Participation.Bench.Measure.Interleaved(runs, warmUp: false,
            ($"raw COPY of the {events:N0} event rows, out and back in (baseline)", () => CopyPipe()),
            ("rebuild Case, CaseDetails and CaseSummary at once (one daemon, three rebuilds in parallel)",
                () => Rebuild(bench.Store, typeof(Case), typeof(CaseDetailsRowsProjection), typeof(CaseSummary))));
        await Tools.Sql(connectionString, $"drop table if exists {BenchSetup.RawSchema}.events_copy");
        return new Result(timings, each, events, seedTime);
    }

    private static async Task Rebuild(IDocumentStore store, params Type[] projections)
    {
        using var daemon = await store.BuildProjectionDaemonAsync();
        await Task.WhenAll(projections.Select(p => daemon.RebuildProjectionAsync(p, TimeSpan.FromMinutes(10), CancellationToken.None)));
    }

    private async Task CopyPipe()
    {
        await Tools.Sql(connectionString, $"truncate {BenchSetup.RawSchema}.events_copy");
        await using var source = new NpgsqlConnection(connectionString);
        await using var target = new NpgsqlConnection(connectionString);
        await source.OpenAsync();
        await target.OpenAsync();
        const string columns = "seq_id, id, stream_id, version, data, bdata, type, timestamp, tenant_id, mt_dotnet_type, correlation_id, causation_id, headers, user_name, is_archived";
        await using (var input = await target.BeginRawBinaryCopyAsync($"copy {BenchSetup.RawSchema}.events_copy ({columns}) from stdin (format binary)"))
        await using (var output = await source.BeginRawBinaryCopyAsync($"copy (select {columns} from {Schema}.mt_events where tenant_id = '{Tenant}' order by seq_id) to stdout (format binary)"))
            await output.CopyToAsync(input);
    }
}
