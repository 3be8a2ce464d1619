using Marten;
using Npgsql;
using Participation.Domain.Cases;
using Participation.Projections.FollowUp;

namespace Participation.Host.FollowUp;

/// <summary>Open cases of one domain in one phase by how their follow-up stands: each counted once, by its latest deadline.</summary>
public sealed record PunctualityCount(CaseDomain Domain, CasePhase Phase, int OnTime, int Late, int LateThreeTimes);

public static class PunctualityFigures
{
    /// <summary>
    /// All nine cells, counted in PostgreSQL from the follow-up documents' due columns as of <paramref name="now"/>. Suspended
    /// cases are not counted: their clocks stand still. Read-your-writes, like the case list.
    /// </summary>
    public static async Task<IReadOnlyList<PunctualityCount>> ReadAsync(NpgsqlDataSource dataSource, IQuerySession session, DateTimeOffset now,
        CancellationToken cancellation)
    {
        var table = session.DocumentStore.Options.FindOrResolveDocumentType(typeof(CaseFollowUp)).TableName.QualifiedName;
        await using var command = dataSource.CreateCommand(
            "select data ->> 'domain', data ->> 'phase', " +
            "count(*) filter (where earliest_due_at is null or earliest_due_at > $2)::int, " +
            "count(*) filter (where earliest_due_at <= $2 and earliest_late_three_times_at > $2)::int, " +
            "count(*) filter (where earliest_late_three_times_at <= $2)::int " +
            $"from {table} where tenant_id = $1 and (data ->> 'open')::boolean and not (data ->> 'suspended')::boolean group by 1, 2");
        command.Parameters.Add(new NpgsqlParameter { Value = session.TenantId });
        command.Parameters.Add(new NpgsqlParameter { Value = now });
        var cells = new Dictionary<(CaseDomain, CasePhase), (int OnTime, int Late, int LateThreeTimes)>();
        await using (var reader = await command.ExecuteReaderAsync(cancellation))
            while (await reader.ReadAsync(cancellation))
                cells[(Enum.Parse<CaseDomain>(reader.GetString(0)), Enum.Parse<CasePhase>(reader.GetString(1)))] = (reader.GetInt32(2), reader.GetInt32(3), reader.GetInt32(4));
        return [.. from domain in Enum.GetValues<CaseDomain>()
            from phase in Enum.GetValues<CasePhase>()
            let cell = cells.GetValueOrDefault((domain, phase))
            select new PunctualityCount(domain, phase, cell.OnTime, cell.Late, cell.LateThreeTimes)];
    }
}
