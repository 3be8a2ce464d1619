using Marten;
using Npgsql;
using Participation.Domain.Insights;
using Participation.Host.Http;
using Participation.Projections.Insights;
using Participation.Projections.Networks;

namespace Participation.Host.Insights;

/// <summary>
/// What <c>/api/insights</c> reads of a tenant for one quarter, in one round trip: per neighbourhood and programme domain the
/// figure row in force (the quarter's own row, else the last one before it, whose state carries over; ADR 31), and the
/// neighbourhoods and districts of the active networks.
/// </summary>
public sealed record InsightReading(IReadOnlyList<InsightRow> Rows, IReadOnlyList<ActiveNetwork>? Networks)
{
    /// <summary>
    /// What a table of the quarter is built from, in a few numbers: how many figure rows are in force up to it and when the
    /// newest was written, and the same of the tenant's active networks. Any write the quarter's table would show changes it
    /// (a new or rewritten row, a network started, changed or ended); a table built after reading it is never older. With
    /// them, how many of the rows were inserted after <paramref name="since"/> (none when it is null).
    /// </summary>
    public static async Task<(InsightSources Sources, long InsertedSince)> SourcesAsync(NpgsqlDataSource dataSource, IQuerySession session,
        Quarter quarter, DateTimeOffset? since, CancellationToken cancellation)
    {
        var (figures, networks) = Tables(session);
        await using var command = dataSource.CreateCommand($"""
            select count(*), max({InsightFigureTable.Written}), (select count(*) from {networks} where tenant_id = $1 and status = $3),
                   (select max(mt_last_modified) from {networks} where tenant_id = $1 and status = $3),
                   count(*) filter (where {InsightFigureTable.Created} > $4)
            from {figures} where tenant_id = $1 and quarter <= $2
            """);
        foreach (var value in new object[] { session.TenantId, quarter.Index, nameof(Domain.Networks.NetworkStatus.Active), (object?)since ?? DBNull.Value })
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        await reader.ReadAsync(cancellation);
        return (new InsightSources(reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetFieldValue<DateTimeOffset>(1),
            reader.GetInt64(2), reader.IsDBNull(3) ? null : reader.GetFieldValue<DateTimeOffset>(3)), reader.GetInt64(4));
    }

    private static (string Figures, string Networks) Tables(IQuerySession session) =>
        ($"{session.DocumentStore.Options.Events.DatabaseSchemaName}.{InsightFigureTable.Name}",
         session.DocumentStore.Options.FindOrResolveDocumentType(typeof(NetworkSummary)).TableName.QualifiedName);

    /// <summary>
    /// The rows in force of every neighbourhood and domain, or only of those with a row written after
    /// <paramref name="writtenAfter"/>; the active networks only when asked for (<see cref="Networks"/> is null otherwise).
    /// </summary>
    public static async Task<InsightReading> ReadAsync(NpgsqlDataSource dataSource, IQuerySession session, Quarter quarter,
        DateTimeOffset? writtenAfter, bool withNetworks, CancellationToken cancellation)
    {
        var (figures, networks) = Tables(session);
        await using var connection = await dataSource.OpenConnectionAsync(cancellation);
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                BatchCommands.Of($"""
                    select g.district, g.neighbourhood, g.domain, f.quarter, f.name, case when f.quarter = $2 then f.period end, f.state
                    from (select distinct district, neighbourhood, domain from {figures}
                          where tenant_id = $1 and quarter <= $2 and ($3::timestamptz is null or {InsightFigureTable.Written} > $3)) as g
                    cross join lateral (
                      select f.quarter, f.name, f.period, f.state from {figures} as f
                      where f.tenant_id = $1 and f.district = g.district and f.neighbourhood = g.neighbourhood and f.domain = g.domain and f.quarter <= $2
                      order by f.quarter desc limit 1) as f
                    """, session.TenantId, quarter.Index, (object?)writtenAfter ?? DBNull.Value),
            },
        };
        if (withNetworks)
            batch.BatchCommands.Add(BatchCommands.Of($"select {NetworkListIndexes.NeighbourhoodsColumn}, {NetworkListIndexes.DistrictsColumn} " +
                $"from {networks} where tenant_id = $1 and status = $2", session.TenantId, nameof(Domain.Networks.NetworkStatus.Active)));
        await using var reader = await batch.ExecuteReaderAsync(cancellation);
        var rows = new List<InsightRow>();
        while (await reader.ReadAsync(cancellation))
        {
            rows.Add(new InsightRow(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(4),
                reader.IsDBNull(5) ? [] : reader.GetFieldValue<int[]>(5), reader.GetFieldValue<int[]>(6)));
        }
        if (!withNetworks) return new InsightReading(rows, null);
        await reader.NextResultAsync(cancellation);
        var active = new List<ActiveNetwork>();
        while (await reader.ReadAsync(cancellation))
            active.Add(new ActiveNetwork(reader.IsDBNull(0) ? [] : reader.GetFieldValue<string[]>(0), reader.IsDBNull(1) ? [] : reader.GetFieldValue<string[]>(1)));
        return new InsightReading(rows, active);
    }
}

/// <summary>The figure rows in force up to a quarter and the active networks, as counts and newest writes (<see cref="InsightReading.SourcesAsync"/>).</summary>
public sealed record InsightSources(long FigureRows, DateTimeOffset? FiguresWritten, long ActiveNetworks, DateTimeOffset? NetworksWritten)
{
    public bool SameNetworks(InsightSources other) => ActiveNetworks == other.ActiveNetworks && NetworksWritten == other.NetworksWritten;
}

/// <summary>
/// One neighbourhood and programme domain as of the quarter read: the quarter's own period counts (none when it has no row
/// of its own) and the state, as stored (<see cref="FigureCounts"/>).
/// </summary>
public sealed record InsightRow(string District, string Neighbourhood, string Domain, string Name, int[] Period, int[] State);

/// <summary>An active network: the codes of the neighbourhoods it is active in or reaches, and their districts.</summary>
public sealed record ActiveNetwork(IReadOnlyList<string> Neighbourhoods, IReadOnlyList<string> Districts);
