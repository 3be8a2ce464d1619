using Weasel.Storage;
using ICommandBuilder = Weasel.Postgresql.ICommandBuilder;

namespace Participation.Projections.Insights;

/// <summary>Writes a page's changed figure rows (<see cref="FigureRows"/>) whole, in one statement of the page's batch.</summary>
public sealed class InsightRowsWrite(string table, string tenant, IReadOnlyList<(InsightGroup Group, int Quarter, FigureRows.FigureRow Row)> rows)
    : SqlOperation
{
    public bool IsEmpty => rows.Count == 0;

    public override void ConfigureCommand(ICommandBuilder builder, IStorageSession session)
    {
        var parameters = builder.AppendWithParameters($"""
            insert into {table} (tenant_id, district, neighbourhood, domain, quarter, name, period, state)
            select ?, r.district, r.neighbourhood, r.domain, r.quarter, r.name, r.period::integer[], r.state::integer[] from unnest(?::varchar[], ?::varchar[], ?::varchar[], ?::int[], ?::varchar[], ?::text[], ?::text[]) as r(district, neighbourhood, domain, quarter, name, period, state)
            on conflict (tenant_id, district, neighbourhood, domain, quarter) do update set
              name = excluded.name, period = excluded.period, state = excluded.state, {InsightFigureTable.Written} = now()
            """, '?');
        object[] values =
        [
            tenant, rows.Select(r => r.Group.District).ToArray(), rows.Select(r => r.Group.Neighbourhood).ToArray(), rows.Select(r => r.Group.Domain).ToArray(),
            rows.Select(r => r.Quarter).ToArray(), rows.Select(r => r.Row.Name).ToArray(),
            rows.Select(r => FigureCounts.Write(r.Row.Period)).ToArray(), rows.Select(r => FigureCounts.Write(r.Row.State)).ToArray(),
        ];
        Bind(parameters, values);
    }
}

/// <summary>Where a case's figures count: its neighbourhood (by district and code) and programme domain.</summary>
public sealed record InsightGroup(string District, string Neighbourhood, string Domain);
