using System.Runtime.CompilerServices;
using Marten;
using Weasel.Storage;
using ICommandBuilder = Weasel.Postgresql.ICommandBuilder;

namespace Participation.Projections.Progress;

/// <summary>
/// The figure changes of one batch (a page of events for the daemon or a rebuild), summed per cell and written by one
/// upsert (ADR 20). Many cases of a page share cells (one per domain × phase × status, per neighbourhood, per day), so a
/// page writes a fraction of its cases' cells: one statement per case was the largest cost of a `CaseProgress` rebuild.
/// The sums are those the upserts one after another would leave (counts and totals add up, the earliest first case
/// wins). Once Marten has written the statement, a later change of the batch starts another.
/// </summary>
public sealed class FigureChanges : SqlOperation
{
    private static readonly ConditionalWeakTable<IDocumentOperations, FigureChanges> Open = new();
    private readonly Dictionary<(string, string, short, long), FigureCell> cells = new();
    private readonly string table;
    private readonly string tenant;
    private bool written;

    private FigureChanges(string table, string tenant) => (this.table, this.tenant) = (table, tenant);

    public static void Queue(IDocumentOperations operations, string schema, IReadOnlyList<FigureCell> change)
    {
        if (change.Count == 0) return;
        lock (Open)
        {
            if (Open.TryGetValue(operations, out var open) && open.TryAdd(change)) return;
            var changes = new FigureChanges($"{schema}.{ProgressFigureTable.Name}", operations.TenantId);
            changes.TryAdd(change);
            Open.AddOrUpdate(operations, changes);
            operations.QueueOperation(changes);
        }
    }

    private bool TryAdd(IReadOnlyList<FigureCell> change)
    {
        lock (cells)
        {
            if (written) return false;
            foreach (var cell in change)
                cells[cell.Address] = cells.TryGetValue(cell.Address, out var sum) ? Sum(sum, cell) : cell;
            return true;
        }
    }

    private static FigureCell Sum(FigureCell a, FigureCell b) =>
        (b.FirstAt is not null && (a.FirstAt is null || (b.FirstAt, b.FirstId!.Value).CompareTo((a.FirstAt.Value, a.FirstId!.Value)) < 0)
            ? a with { FirstAt = b.FirstAt, FirstId = b.FirstId }
            : a) with { Count = a.Count + b.Count, Total = a.Total + b.Total };

    public override void ConfigureCommand(ICommandBuilder builder, IStorageSession session)
    {
        FigureCell[] change;
        lock (cells)
        {
            written = true;
            change = [.. cells.Values];
        }
        var parameters = builder.AppendWithParameters($"""
            insert into {table} as f (tenant_id, figure, key, level, bucket, count, total, first_at, first_id)
            select ?, * from unnest(?::varchar[], ?::varchar[], ?::smallint[], ?::bigint[], ?::bigint[], ?::float8[], ?::timestamptz[], ?::uuid[])
            on conflict (tenant_id, figure, key, level, bucket) do update set
              count = f.count + excluded.count, total = f.total + excluded.total,
              first_at = case when {Earlier} then excluded.first_at else f.first_at end,
              first_id = case when {Earlier} then excluded.first_id else f.first_id end
            """, '?');
        object[] values =
        [
            tenant, change.Select(c => c.Figure).ToArray(), change.Select(c => c.Key).ToArray(), change.Select(c => c.Level).ToArray(),
            change.Select(c => c.Bucket).ToArray(), change.Select(c => c.Count).ToArray(), change.Select(c => c.Total).ToArray(),
            change.Select(c => c.FirstAt).ToArray(), change.Select(c => c.FirstId).ToArray(),
        ];
        Bind(parameters, values);
    }

    private const string Earlier =
        "excluded.first_at is not null and (f.first_at is null or (excluded.first_at, excluded.first_id) < (f.first_at, f.first_id))";
}
