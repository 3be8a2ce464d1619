using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Participation.Host.Operations;

/// <summary>Part of <c>/health/ready</c>: Unhealthy (503) from the moment the Host begins to stop, so a load balancer sends it nothing new.</summary>
public sealed class ShutdownHealthCheck(GracefulShutdown shutdown) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(shutdown.HasBegun ? HealthCheckResult.Unhealthy("Shutting down.") : HealthCheckResult.Healthy("Serving."));
}
