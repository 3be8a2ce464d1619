using Marten;
using Npgsql;
using Participation.Host.Http;
using Participation.Projections.Progress;

namespace Participation.Host.Progress;

/// <summary>
/// What the dashboard reads of a tenant: its figure cells (of the running stays only those the clock's windows need) and
/// its stalled cases. Their count is the open cases quiet since a day before the cutoff's, from the <c>quiet</c> figure,
/// plus those quiet since the cutoff's own day but before the cutoff, from the stalled index: exact, and bounded by one
/// day's cases however many there are (ADR 20).
/// </summary>
public sealed record DashboardFigures(IReadOnlyList<FigureCell> Cells, int StalledCount, IReadOnlyList<Guid> StalledIds)
{
    /// <summary>At most this many stalled case ids are listed (longest quiet first); <c>count</c> counts them all.</summary>
    public const int MaxStalledIds = 1000;

    /// <summary>Reads it in one round trip: the cells, then the stalled cases from their index.</summary>
    public static async Task<DashboardFigures> ReadAsync(NpgsqlDataSource dataSource, IQuerySession session, DateTimeOffset now, CancellationToken cancellation)
    {
        var schema = session.DocumentStore.Options.Events.DatabaseSchemaName;
        var tenant = session.TenantId;
        var figures = $"{schema}.{ProgressFigureTable.Name}";
        var columns = "figure, key, level, bucket, count, total, first_at, first_id";
        // By name, an index seek each: the running stays' and quiet days' cells outnumber them by far and are read by range below.
        var cells = new List<string>
        {
            $"select {columns} from {figures} where tenant_id = $1 and count <> 0 and figure in ({string.Join(", ", ProgressFigures.ReadWhole.Select(f => $"'{f}'"))})",
        };
        foreach (var phase in Enum.GetValues<Domain.Cases.CasePhase>())
        foreach (var (level, from, until) in DurationScale.StartWindows(now))
            cells.Add($"select {columns} from {figures} where tenant_id = $1 and figure = '{ProgressFigures.Running}' and key = '{ProgressFigureKey.Of(phase.ToString())}' " +
                      $"and level = {level} and count <> 0" + (from == long.MinValue ? "" : $" and bucket >= {from}") + (until == long.MaxValue ? "" : $" and bucket < {until}"));
        var progress = $"{schema}.mt_doc_caseprogress";
        var stalledBefore = now.AddDays(-Dashboard.StalledAfterDays);
        var cutoffDay = DurationScale.Day(stalledBefore);

        await using var connection = await dataSource.OpenConnectionAsync(cancellation);
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                BatchCommands.Of(string.Join("\nunion all ", cells), tenant),
                BatchCommands.Of($"select ((select coalesce(sum(count), 0) from {figures} where tenant_id = $1 and figure = '{ProgressFigures.Quiet}' " +
                        $"and key = '' and level = 0 and bucket < $3) + (select count(*) from {progress} where tenant_id = $1 " +
                        $"and {ProgressProjections.StalledColumn} >= $4 and {ProgressProjections.StalledColumn} < $2))::int",
                    tenant, stalledBefore, cutoffDay, DurationScale.StartOf(cutoffDay)),
                BatchCommands.Of($"select id from {progress} where tenant_id = $1 and {ProgressProjections.StalledColumn} < $2 " +
                        $"order by {ProgressProjections.StalledColumn}, id limit {MaxStalledIds}", tenant, stalledBefore),
            },
        };
        await using var reader = await batch.ExecuteReaderAsync(cancellation);
        var read = new List<FigureCell>();
        while (await reader.ReadAsync(cancellation))
            read.Add(new FigureCell(reader.GetString(0), new ProgressFigureKey(reader.GetString(1)), reader.GetInt16(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetDouble(5),
                reader.IsDBNull(6) ? null : reader.GetFieldValue<DateTimeOffset>(6), reader.IsDBNull(7) ? null : reader.GetGuid(7)));
        await reader.NextResultAsync(cancellation);
        await reader.ReadAsync(cancellation);
        var count = reader.GetInt32(0);
        await reader.NextResultAsync(cancellation);
        var ids = new List<Guid>();
        while (await reader.ReadAsync(cancellation)) ids.Add(reader.GetGuid(0));
        return new DashboardFigures(read, count, ids);
    }
}
