using Marten;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using Participation.Host.Http;

namespace Participation.Host.Operations;

/// <summary>
/// Ready only when PostgreSQL answers. With a database per tenant (ADR 40) the master database must answer, and a tenant's
/// database that does not makes the node <c>Degraded</c> naming the tenant, not unready: the other municipalities are served.
/// </summary>
public sealed class DatabaseHealthCheck(NpgsqlDataSource master, IDocumentStore store, IConfiguration configuration) : IHealthCheck
{
    private readonly bool _perTenant = TenancyModes.From(configuration) == TenancyMode.DatabasePerTenant;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (await ProblemAsync(master, cancellationToken) is { } down)
            return HealthCheckResult.Unhealthy(_perTenant ? "The master database does not answer." : "PostgreSQL does not answer.", down);
        if (!_perTenant) return HealthCheckResult.Healthy();

        var databases = await store.TenantDatabasesAsync();
        var answers = await Task.WhenAll(databases.Select(async d => (Tenant: d.Database.Tenants(), Problem: await ProblemAsync(d.DataSource, cancellationToken))));
        var silent = answers.Where(a => a.Problem is not null).Select(a => a.Tenant).Order().ToList();
        var data = new Dictionary<string, object> { ["tenantDatabases"] = databases.Count, ["notAnswering"] = silent };
        return silent.Count == 0
            ? HealthCheckResult.Healthy($"{databases.Count} tenant database(s) answer.", data)
            : HealthCheckResult.Degraded($"The database of {string.Join(", ", silent)} does not answer; its requests get 503, the other tenants are served.", data: data);
    }

    private static async Task<Exception?> ProblemAsync(NpgsqlDataSource dataSource, CancellationToken cancellation)
    {
        try
        {
            await using var command = dataSource.CreateCommand("select 1");
            command.CommandTimeout = 5;
            await command.ExecuteScalarAsync(cancellation);
            return null;
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            return e;
        }
    }
}
