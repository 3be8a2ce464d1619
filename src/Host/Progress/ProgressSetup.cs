namespace Participation.Host.Progress;

public static class ProgressSetup
{
    /// <summary>Projection-lag sampling, its gauges and its part of <c>/health/ready</c>.</summary>
    public static IServiceCollection AddProgressMonitoring(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(configuration.GetSection("Progress").Get<ProjectionLagLimits>() ?? new ProjectionLagLimits());
        services.AddSingleton<ProjectionLagMonitor>();
        services.AddHostedService(sp => sp.GetRequiredService<ProjectionLagMonitor>());
        services.AddHealthChecks().AddCheck<ProjectionLagHealthCheck>("projections", tags: ["ready"]);
        return services;
    }
}
