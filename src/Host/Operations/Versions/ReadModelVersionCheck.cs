using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Participation.Host.Operations.Versions;

/// <summary>
/// Part of <c>/health/ready</c> (ADR 39): Unhealthy (503, out of the load balancer's set) while this node's version of a read
/// model is not known yet (the first look at the start), is still being built beside the live one or failed to build, and
/// once a newer version took over from it; the nodes
/// of the live version answer meanwhile, Degraded in their <c>rebuilds</c> check while a new version is built. Healthy, with
/// what it does, while it follows the writes of older nodes.
/// </summary>
public sealed class ReadModelVersionCheck(ReadModelUpgrade upgrade) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = upgrade.Status;
        var data = status.ToDictionary(s => s.Projection, s => (object)new { s.Version, s.Live, State = s.State.ToString().ToLowerInvariant() });
        var waiting = status.Where(s => s.State is not (ReadModelVersionState.Live or ReadModelVersionState.Following)).ToList();
        return Task.FromResult(waiting.Count > 0
            ? HealthCheckResult.Unhealthy(string.Join(" ", waiting.Select(s => s.Description)), data: data)
            : HealthCheckResult.Healthy(string.Join(" ", status.Select(s => s.Description)), data));
    }
}
