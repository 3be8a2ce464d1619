using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Participation.Host.Operations.Versions;

/// <summary>
/// Part of <c>/health/ready</c> (ADR 39): Unhealthy (503, out of the load balancer's set) while this node's version of a read
/// model is not known yet (the first look at the start), is still being built beside the live one or failed to build; the
/// nodes of the live version answer meanwhile, Degraded in their <c>rebuilds</c> check while a new version is built.
/// Degraded (still 200) once a newer version took over from it: it keeps answering, from its own tables, into which the newer
/// nodes' writes are folded, until it is replaced; no moment where neither version's nodes are ready. Healthy, with what it
/// does, while it follows the writes of nodes of another version.
/// </summary>
public sealed class ReadModelVersionCheck(ReadModelUpgrade upgrade) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = upgrade.Status;
        var data = status.ToDictionary(s => s.Projection, s => (object)new { s.Version, s.Live, State = s.State.ToString().ToLowerInvariant() });
        var waiting = status.Where(s => s.State is ReadModelVersionState.Unknown or ReadModelVersionState.Building or ReadModelVersionState.Failed).ToList();
        if (waiting.Count > 0) return Task.FromResult(HealthCheckResult.Unhealthy(string.Join(" ", waiting.Select(s => s.Description)), data: data));
        var description = string.Join(" ", status.Select(s => s.Description));
        return Task.FromResult(status.Any(s => s.State is ReadModelVersionState.Superseded)
            ? HealthCheckResult.Degraded(description, data: data)
            : HealthCheckResult.Healthy(description, data));
    }
}
