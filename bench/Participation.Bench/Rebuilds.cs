using Marten;
using Npgsql;
using Participation.Host.Operations.Rebuilds;

namespace Participation.Bench;

/// <summary>
/// Projections rebuilt from a seeded schema's events by Marten's daemon (what `projections rebuild -p` runs), one after
/// another, each against the rate of a raw COPY of every event row to text: reading each row once is the least a rebuild does.
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
        foreach (var projection in projections)
        {
            var took = await Measure.Time(() => Rebuild(store, projection));
            Tools.Log($"rebuilt {projection} in {took / 1000:N0} s");
            lines.Add($"| rebuild {projection} | {took / 1000:N1} | {events / (took / 1000):N0} | {copy / took:N2} |");
            if (FoldedReadModels.Named(projection) is not { } model) continue;
            var folding = await Measure.Time(() => new FoldedRebuild(store, dataSource).RunAsync(model, null, CancellationToken.None));
            Tools.Log($"rebuilt {projection} by folding in {folding / 1000:N0} s");
            lines.Add($"| rebuild {projection}, folded stream by stream (`rebuild-folded`, ADR 38) | {folding / 1000:N1} | {events / (folding / 1000):N0} | {copy / folding:N2} |");
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
