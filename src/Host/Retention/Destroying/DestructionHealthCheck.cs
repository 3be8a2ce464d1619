using Marten;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Participation.Domain.Retention;
using Participation.Host.Http;

namespace Participation.Host.Retention.Destroying;

/// <summary>
/// <c>Degraded</c> while an approved list has made no progress for <see cref="Stalled"/>: its destruction failed (the handler's
/// error is in the log and Wolverine's dead letters) or waits for a projection that is stopped. The data names the lists.
/// </summary>
public sealed class DestructionHealthCheck(IDocumentStore store) : IHealthCheck
{
    public static readonly TimeSpan Stalled = TimeSpan.FromMinutes(5);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var lists = store.Options.FindOrResolveDocumentType(typeof(DestructionList)).TableName.QualifiedName;
        var streams = $"{store.Options.Events.DatabaseSchemaName}.mt_streams";
        var stalled = new List<string>();
        await store.InEveryTenantDatabaseAsync(async (database, _) =>
        {
            await using var session = store.QuerySession(Marten.Services.SessionOptions.ForDatabase(database));
            stalled.AddRange(await session.AdvancedSql.QueryAsync<string>(
                $"select d.tenant_id || '/' || d.id from {lists} d join {streams} s on s.id = d.id and s.tenant_id = d.tenant_id " +
                $"where d.data ->> 'status' = '{DestructionStatus.Destroying}' and s.timestamp < now() - ?::interval limit 10",
                cancellationToken, $"{(int)Stalled.TotalSeconds} seconds"));
        });
        return stalled.Count == 0
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Degraded($"{stalled.Count} destruction list(s) made no progress for {Stalled.TotalMinutes} minutes.",
                data: new Dictionary<string, object> { ["stalledLists"] = stalled });
    }
}
