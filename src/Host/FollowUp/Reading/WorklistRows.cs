using System.Globalization;
using System.Text;
using Marten;
using Npgsql;
using Participation.Domain.Cases;
using Participation.Domain.FollowUp;
using Participation.Host.Http;
using Participation.Projections.Cases;
using Participation.Projections.FollowUp;

namespace Participation.Host.FollowUp.Reading;

/// <summary>
/// One passed deadline as the worklist's table holds it (<see cref="FollowUpDeadlineTable"/>), with its case's title and
/// neighbourhood from the case summary (none when the summary is missing).
/// </summary>
public sealed record WorklistRow(Guid CaseId, FollowUpKind Kind, Guid? Ref, DateTimeOffset DueAt, DateTimeOffset LateThreeTimesAt, string? Owner,
    CaseDomain Domain, string? Title, Neighbourhood? Neighbourhood)
{
    public WorklistCursor Cursor => new(DueAt, CaseId, Kind, Ref);
}

/// <summary>
/// Reads a page of the worklist in one round trip (ADR 36): the page, one seek after its cursor on the table's order joined
/// to the case summaries for titles and neighbourhoods, the matching deadlines counted up to a bound
/// (FollowUp:WorklistExactTotalUpTo), and the planner's estimate, which answers beyond the bound (as the case list's total does).
/// </summary>
public static class WorklistRows
{
    public static async Task<(List<WorklistRow> Page, bool More, long Total, bool TotalEstimated)> ReadAsync(NpgsqlDataSource dataSource, IQuerySession session,
        WorklistQuery query, DateTimeOffset now, int exactTotalUpTo, CancellationToken cancellation)
    {
        var table = $"{session.DocumentStore.Options.Events.DatabaseSchemaName}.{FollowUpDeadlineTable.Name}";
        var summaries = session.DocumentStore.Options.FindOrResolveDocumentType(typeof(CaseSummary)).TableName.QualifiedName;
        var (filter, values) = Filter(query, session.TenantId, now);
        var after = query.After is not null
            ? $" and (due_at, case_id, kind, ref) > (${values.Count + 1}, ${values.Count + 2}, ${values.Count + 3}, ${values.Count + 4})"
            : "";
        object[] afterValues = query.After is { } c ? [c.DueAt, c.CaseId, (short)c.Kind, c.Ref ?? FollowUpDeadlineTable.NoRef] : [];

        await using var connection = await dataSource.OpenConnectionAsync(cancellation);
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                BatchCommands.Of($"select d.case_id, d.kind, d.ref, d.due_at, d.late_three_times_at, d.owner, d.domain, s.title, " +
                        "s.data -> 'neighbourhood' ->> 'code', s.data -> 'neighbourhood' ->> 'name', s.data -> 'neighbourhood' ->> 'district' " +
                        $"from (select * from {table} where {filter}{after} order by due_at, case_id, kind, ref limit {query.PageSize + 1}) as d " +
                        $"left join {summaries} as s on s.tenant_id = d.tenant_id and s.id = d.case_id order by d.due_at, d.case_id, d.kind, d.ref",
                    [.. values, .. afterValues]),
                BatchCommands.Of($"select count(*) from (select from {table} where {filter} limit {exactTotalUpTo + 1}) as matches", values),
                // The planner's estimate, used when the count reached its bound; planning is cheaper than a round trip more.
                BatchCommands.Of($"explain (format json) select from {table} where {filter}", values),
            },
        };
        var page = new List<WorklistRow>();
        long counted;
        string plan;
        await using (var reader = await batch.ExecuteReaderAsync(cancellation))
        {
            while (await reader.ReadAsync(cancellation))
            {
                var reference = reader.GetGuid(2);
                page.Add(new WorklistRow(reader.GetGuid(0), (FollowUpKind)reader.GetInt16(1), reference == FollowUpDeadlineTable.NoRef ? null : reference,
                    reader.GetFieldValue<DateTimeOffset>(3), reader.GetFieldValue<DateTimeOffset>(4), reader.IsDBNull(5) ? null : reader.GetString(5),
                    Enum.Parse<CaseDomain>(reader.GetString(6)), reader.IsDBNull(7) ? null : reader.GetString(7),
                    reader.IsDBNull(8) ? null : new Neighbourhood(reader.GetString(8), reader.GetString(9), reader.GetString(10))));
            }
            await reader.NextResultAsync(cancellation);
            await reader.ReadAsync(cancellation);
            counted = reader.GetInt64(0);
            await reader.NextResultAsync(cancellation);
            await reader.ReadAsync(cancellation);
            plan = reader.GetString(0);
        }
        var more = page.Count > query.PageSize;
        if (more) page.RemoveAt(page.Count - 1);
        if (counted <= exactTotalUpTo) return (page, more, counted, false);

        using var explained = System.Text.Json.JsonDocument.Parse(plan);
        var estimate = explained.RootElement[0].GetProperty("Plan").GetProperty("Plan Rows").GetDouble();
        return (page, more, Math.Max((long)estimate, exactTotalUpTo + 1), true);
    }

    // The passed deadlines of the tenant the query asks for; the table holds only open, unsuspended cases' deadlines.
    private static (string Sql, List<object> Values) Filter(WorklistQuery query, string tenant, DateTimeOffset now)
    {
        var values = new List<object> { tenant, now };
        var sql = new StringBuilder("tenant_id = $1 and due_at <= $2");
        void And(string column, object value)
        {
            values.Add(value);
            sql.Append(CultureInfo.InvariantCulture, $" and {column} = ${values.Count}");
        }
        if (query.Owner is { } owner) And("owner", owner);
        if (query.Domain is { } domain) And("domain", domain.ToString());
        if (query.Neighbourhood is { } neighbourhood) And("neighbourhood", neighbourhood);
        if (query.Kind is { } kind) And("kind", (short)kind);
        if (query.Status == Punctuality.Late) sql.Append(" and late_three_times_at > $2");
        if (query.Status == Punctuality.LateThreeTimes) sql.Append(" and late_three_times_at <= $2");
        return (sql.ToString(), values);
    }
}
