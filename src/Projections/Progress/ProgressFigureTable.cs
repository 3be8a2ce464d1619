using Marten;
using Weasel.Core;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace Participation.Projections.Progress;

/// <summary>
/// The tenants' progress figures as rows of counts and sums (<see cref="FigureCell"/>), kept by
/// <see cref="CaseProgressProjection"/> in the daemon's own transaction and torn down with it by a rebuild (ADR 20).
/// </summary>
public static class ProgressFigureTable
{
    public const string Name = "progress_figures";

    public static Table For(string schema)
    {
        var table = new Table(new PostgresqlObjectName(schema, Name, SchemaUtils.IdentifierUsage.General));
        table.AddColumn<string>("tenant_id").AsPrimaryKey();
        table.AddColumn<string>("figure").AsPrimaryKey();
        table.AddColumn<string>("key").AsPrimaryKey();
        table.AddColumn<short>("level").AsPrimaryKey();
        table.AddColumn<long>("bucket").AsPrimaryKey();
        table.AddColumn<long>("count").NotNull();
        table.AddColumn<double>("total").NotNull();
        table.AddColumn<DateTimeOffset>("first_at");
        table.AddColumn<Guid>("first_id");
        return table;
    }

    /// <summary>
    /// Queues the change of one case's cells as one statement of the daemon's batch: add the counts and sums, keeping the
    /// earliest first case of a neighbourhood's name. Cells that come back to zero stay (readers skip them): a running
    /// stay's old buckets lie outside the windows a reading takes, the other figures have few cells, and a delete per
    /// case made a rebuild several times slower.
    /// </summary>
    public static void QueueChange(IDocumentOperations operations, string schema, IReadOnlyList<FigureCell> change)
    {
        if (change.Count == 0) return;
        var table = $"{schema}.{Name}";
        string[] figures = [.. change.Select(c => c.Figure)], keys = [.. change.Select(c => c.Key)];
        short[] levels = [.. change.Select(c => c.Level)];
        long[] buckets = [.. change.Select(c => c.Bucket)];
        operations.QueueSqlCommand($"""
            insert into {table} as f (tenant_id, figure, key, level, bucket, count, total, first_at, first_id)
            select ?, * from unnest(?::varchar[], ?::varchar[], ?::smallint[], ?::bigint[], ?::bigint[], ?::float8[], ?::timestamptz[], ?::uuid[])
            on conflict (tenant_id, figure, key, level, bucket) do update set
              count = f.count + excluded.count, total = f.total + excluded.total,
              first_at = case when {Earlier} then excluded.first_at else f.first_at end,
              first_id = case when {Earlier} then excluded.first_id else f.first_id end
            """,
            operations.TenantId, figures, keys, levels, buckets, change.Select(c => c.Count).ToArray(), change.Select(c => c.Total).ToArray(),
            change.Select(c => c.FirstAt).ToArray(), change.Select(c => c.FirstId).ToArray());
    }

    private const string Earlier =
        "excluded.first_at is not null and (f.first_at is null or (excluded.first_at, excluded.first_id) < (f.first_at, f.first_id))";
}
