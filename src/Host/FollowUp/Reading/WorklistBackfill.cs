using Marten;
using Npgsql;
using Participation.Domain.FollowUp;
using Participation.Host.Http;
using Participation.Projections.FollowUp;

namespace Participation.Host.FollowUp.Reading;

/// <summary>
/// A database written before the worklist had its table of deadlines (ADR 30) has the deadlines only in the follow-up
/// documents: the first node to start fills the table from them, once (a table with rows is left alone; nodes racing
/// insert the same rows, the key keeps one).
/// </summary>
public sealed class WorklistBackfill(IDocumentStore store, ILogger<WorklistBackfill> logger)
{
    public async Task RunAsync(CancellationToken cancellation)
    {
        foreach (var (_, dataSource) in await store.TenantDatabasesAsync()) await RunAsync(dataSource, cancellation);
    }

    private async Task RunAsync(NpgsqlDataSource dataSource, CancellationToken cancellation)
    {
        var schema = store.Options.DatabaseSchemaName;
        var table = $"{schema}.{FollowUpDeadlineTable.Name}";
        var documents = store.Options.FindOrResolveDocumentType(typeof(CaseFollowUp)).TableName.QualifiedName;
        var kinds = string.Join(", ", Enum.GetValues<FollowUpKind>().Select(kind => $"('{kind}', {(short)kind})"));
        await using var command = dataSource.CreateCommand($"""
            insert into {table} (tenant_id, case_id, kind, ref, due_at, late_three_times_at, owner, domain, neighbourhood)
            select f.tenant_id, f.id, k.kind, coalesce((d ->> 'ref')::uuid, $1), (d ->> 'dueAt')::timestamptz, (d ->> 'lateThreeTimesAt')::timestamptz,
                   f.data ->> 'owner', f.data ->> 'domain', f.data ->> 'neighbourhoodCode'
            from {documents} as f
            cross join lateral jsonb_array_elements(f.data -> 'deadlines') as d
            join (values {kinds}) as k(name, kind) on k.name = d ->> 'kind'
            where not exists (select from {table})
            on conflict do nothing
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = FollowUpDeadlineTable.NoRef });
        var filled = await command.ExecuteNonQueryAsync(cancellation);
        if (filled > 0) logger.LogInformation("Filled the worklist's table with {Deadlines} deadlines of the follow-up documents written before it.", filled);
    }
}
