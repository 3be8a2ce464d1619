using System.Data.Common;
using Marten;
using Marten.Internal.Operations;
using Weasel.Core;
using Weasel.Postgresql;
using Weasel.Storage;
using ICommandBuilder = Weasel.Postgresql.ICommandBuilder;
using IStorageOperation = Marten.Internal.Operations.IStorageOperation;

namespace Participation.Projections.Insights;

/// <summary>Writes a page's changed figure rows (<see cref="FigureRows"/>) whole, in one statement of the page's batch.</summary>
public sealed class InsightRowsWrite(string table, string tenant, IReadOnlyList<(InsightGroup Group, int Quarter, FigureRows.FigureRow Row)> rows)
    : IStorageOperation
{
    public bool IsEmpty => rows.Count == 0;

    public void ConfigureCommand(ICommandBuilder builder, IStorageSession session)
    {
        var parameters = builder.AppendWithParameters($"""
            insert into {table} (tenant_id, district, neighbourhood, domain, quarter, name, period, state)
            select ?, r.district, r.neighbourhood, r.domain, r.quarter, r.name, r.period::bigint[], r.state::bigint[] from unnest(?::varchar[], ?::varchar[], ?::varchar[], ?::int[], ?::varchar[], ?::text[], ?::text[]) as r(district, neighbourhood, domain, quarter, name, period, state)
            on conflict (tenant_id, district, neighbourhood, domain, quarter) do update set
              name = excluded.name, period = excluded.period, state = excluded.state
            """, '?');
        object[] values =
        [
            tenant, rows.Select(r => r.Group.District).ToArray(), rows.Select(r => r.Group.Neighbourhood).ToArray(), rows.Select(r => r.Group.Domain).ToArray(),
            rows.Select(r => r.Quarter).ToArray(), rows.Select(r => r.Row.Name).ToArray(),
            rows.Select(r => FigureCounts.Write(r.Row.Period)).ToArray(), rows.Select(r => FigureCounts.Write(r.Row.State)).ToArray(),
        ];
        for (var i = 0; i < values.Length; i++)
        {
            // Typed as Marten types a queued SQL command's values (its builder's parameters start as text).
            if (PostgresqlProvider.Instance.TryGetDbType(values[i].GetType()) is { } type) parameters[i].NpgsqlDbType = type;
            parameters[i].Value = values[i];
        }
    }

    // As Marten's own SQL operations: no document storage to ensure.
    public Type DocumentType => typeof(Marten.Storage.StorageFeatures);

    public Task PostprocessAsync(DbDataReader reader, IList<Exception> exceptions, CancellationToken token) => Task.CompletedTask;

    public OperationRole Role() => OperationRole.Other;
}

/// <summary>Where a case's figures count: its neighbourhood (by district and code) and programme domain.</summary>
public sealed record InsightGroup(string District, string Neighbourhood, string Domain);
