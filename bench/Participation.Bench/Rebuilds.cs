using Marten;
using Npgsql;
using Participation.Host.Operations.Rebuilds;

namespace Participation.Bench;

/// <summary>
/// Projections rebuilt from a seeded schema's events, one after another, each against the rate of a raw COPY of every event
/// row to text (reading each row once is the least a rebuild does): by folding each stream (`rebuild-folded`, ADR 38) where
/// the projection can be, else by Marten's daemon (what `projections rebuild -p` runs); BENCH_MARTEN_REBUILDS=1 times
/// Marten's rebuild of those as well.
/// </summary>
public static class Rebuilds
{
    /// <summary>The table of the rebuilds: the baseline's row, then one row per projection in the order given.</summary>
    public static async Task<IReadOnlyList<string>> Table(IDocumentStore store, string connectionString, string schema, long events, IEnumerable<string> projections)
    {
        var copy = await Measure.Time(() => RawCopy(connectionString, schema));
        var lines = new List<string>
        {
            "| what | s | events/s | × raw COPY rate |",
            "|---|---:|---:|---:|",
            $"| raw COPY of the event rows to text (baseline) | {copy / 1000:N1} | {events / (copy / 1000):N0} | 1.00 |",
        };
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var marten = Environment.GetEnvironmentVariable("BENCH_MARTEN_REBUILDS") == "1";
        foreach (var projection in projections)
        {
            var model = FoldedReadModels.Named(projection);
            if (model is null || marten)
            {
                var took = await Measure.Time(() => Rebuild(store, projection));
                Tools.Log($"rebuilt {projection} in {took / 1000:N0} s");
                lines.Add($"| rebuild {projection} (Marten's daemon, `projections rebuild`) | {took / 1000:N1} | {events / (took / 1000):N0} | {copy / took:N2} |");
            }
            if (model is null) continue;
            var folding = await Measure.Time(() => new FoldedRebuild(store, dataSource).RunAsync([model], null, CancellationToken.None));
            Tools.Log($"rebuilt {projection} by folding in {folding / 1000:N0} s");
            lines.Add($"| rebuild {projection}, folded stream by stream (`rebuild-folded`, ADR 38) | {folding / 1000:N1} | {events / (folding / 1000):N0} | {copy / folding:N2} |");
        }
        var folded = projections.Select(FoldedReadModels.Named).OfType<IFoldedReadModel>().ToList();
        if (folded.Count > 1)
        {
            var names = string.Join(", ", folded.Select(m => m.Projection));
            var together = await Measure.Time(() => new FoldedRebuild(store, dataSource).RunAsync(folded, null, CancellationToken.None));
            Tools.Log($"rebuilt {names} in one pass in {together / 1000:N0} s");
            lines.Add($"| rebuild {names} in one pass (`rebuild-folded`) | {together / 1000:N1} | {events / (together / 1000):N0} | {copy / together:N2} |");
        }
        return lines;
    }

    /// <summary>Rebuilds one projection as <c>projections rebuild -p</c> does.</summary>
    public static async Task Rebuild(IDocumentStore store, string projection)
    {
        using var daemon = await store.BuildProjectionDaemonAsync();
        await daemon.RebuildProjectionAsync(projection, TimeSpan.FromMinutes(60), CancellationToken.None);
    }

    private static async Task RawCopy(string connectionString, string schema)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        using var export = await connection.BeginTextExportAsync(
            $"copy (select seq_id, stream_id, version, type, timestamp, tenant_id, data from {schema}.mt_events order by seq_id) to stdout");
        var buffer = new char[64 * 1024];
        while (await export.ReadAsync(buffer, 0, buffer.Length) > 0) { }
    }
}
