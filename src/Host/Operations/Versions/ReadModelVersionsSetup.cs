using Marten;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Participation.Projections;

namespace Participation.Host.Operations.Versions;

public static class ReadModelVersionsSetup
{
    /// <summary>
    /// The registry of read model versions and the nodes using them, the service that builds this node's versions beside the
    /// old ones, follows older nodes' writes and retires old tables, and its part of readiness (ADR 39).
    /// </summary>
    public static IServiceCollection AddReadModelVersions(this IServiceCollection services, IConfiguration configuration, string readyTag)
    {
        services.TryAddSingleton(configuration.ReadModelVersions());
        services.ConfigureMarten(options => options.Storage.ExtendedSchemaObjects.AddRange(ReadModelVersionTables.For(options.Events.DatabaseSchemaName)));
        if (TenancyModes.From(configuration) == TenancyMode.DatabasePerTenant)
        {
            // Not per tenant database yet (ADR 40): say so in readiness rather than fail every second against the master database.
            services.AddHealthChecks().AddCheck("read-model-versions", () => HealthCheckResult.Degraded(
                "Read model versions are not managed per tenant database yet (ADR 40): every read model stays at version 1."), tags: [readyTag]);
            return services;
        }
        services.AddSingleton<ReadModelUpgrade>();
        services.AddHostedService(sp => sp.GetRequiredService<ReadModelUpgrade>());
        services.AddHealthChecks().AddCheck<ReadModelVersionCheck>("read-model-versions", tags: [readyTag]);
        return services;
    }
}
