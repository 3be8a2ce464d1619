using Microsoft.Extensions.DependencyInjection.Extensions;
using Marten;
using Microsoft.Extensions.Options;
using Participation.Host.Operations.Rebuilds;
using Participation.Host.Operations.Versions;

namespace Participation.Host.Operations;

public static class OperationsSetup
{
    /// <summary>
    /// Readiness (the database, the async projections, not shutting down, no read model waiting for its rebuild after an upgrade), projection-lag sampling and its gauges, telemetry,
    /// the access log, and a graceful shutdown.
    /// </summary>
    public static IServiceCollection AddOperations(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<ProjectionLagLimits>().Bind(configuration.GetSection("Progress"))
            .Validate(l => l.MaxLagEvents > 0 && l.MaxLagSeconds > 0, "Progress:MaxLagEvents and Progress:MaxLagSeconds must be positive.").ValidateOnStart();
        services.AddSingleton(provider => provider.GetRequiredService<IOptions<ProjectionLagLimits>>().Value);
        services.AddSingleton<ProjectionMonitor>();
        services.AddHostedService(sp => sp.GetRequiredService<ProjectionMonitor>());
        services.AddHostedService<ListeningAnnouncement>();
        services.AddTelemetry(configuration);
        services.AddAccessLog();
        services.AddOptions<ShutdownOptions>().Bind(configuration.GetSection(ShutdownOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ShutdownOptions>, ShutdownOptionsValidation>();
        services.AddOptions<HostOptions>().Configure<IOptions<ShutdownOptions>>((host, shutdown) =>
            host.ShutdownTimeout = shutdown.Value.DrainDelay + shutdown.Value.Timeout);
        services.AddSingleton<RequestsInFlight>();
        services.AddSingleton<IStartupFilter>(sp => sp.GetRequiredService<RequestsInFlight>());
        services.AddSingleton<GracefulShutdown>();
        services.AddHostedService(sp => sp.GetRequiredService<GracefulShutdown>());
        services.AddSingleton<ReadModelUpgradeCheck>();
        var checks = services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: [ReadyTag])
            .AddCheck<ProjectionHealthCheck>("projections", tags: [ReadyTag])
            .AddCheck<ShutdownHealthCheck>("shutdown", tags: [ReadyTag])
            .AddCheck<RebuildHealthCheck>("rebuilds", tags: [ReadyTag]);
        // Only a shared database can be older than the read model versions (ADR 39); a tenant's own database never is (ADR 40).
        if (TenancyModes.From(configuration) == TenancyMode.Shared) checks.AddCheck<ReadModelUpgradeCheck>("read-models", tags: [ReadyTag]);
        services.AddSingleton<RebuildHealthCheck>();
        services.ConfigureMarten(options => options.Storage.ExtendedSchemaObjects.Add(RebuildProgressTable.For(options.Events.DatabaseSchemaName)));
        services.AddReadModelVersions(configuration, ReadyTag);
        return services;
    }

    /// <summary><c>/health/live</c> answers while the process runs; <c>/health/ready</c> reports every readiness check.</summary>
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health/live", new() { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new() { Predicate = check => check.Tags.Contains(ReadyTag), ResponseWriter = HealthResponse.Write });
        return app;
    }

    private const string ReadyTag = "ready";
}
