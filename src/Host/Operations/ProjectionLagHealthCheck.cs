using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Participation.Host.Operations;

/// <summary>Limits beyond which the async projections count as lagging (section <c>Progress</c>).</summary>
public sealed class ProjectionLagLimits
{
    public long MaxLagEvents { get; set; } = 1000;
    public double MaxLagSeconds { get; set; } = 30;
}

/// <summary>
/// Part of <c>/health/ready</c>: Degraded (still 200: commands and inline reads work) when the
/// daemon's high-water mark or an async projection is more than the limits behind the newest event,
/// i.e. the daemon is stuck, down or overloaded. The data lists every shard's lag.
/// </summary>
public sealed class ProjectionLagHealthCheck(ProjectionLagMonitor monitor, ProjectionLagLimits limits) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        ProjectionLagSample sample;
        try
        {
            sample = await monitor.SampleAsync(cancellationToken);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            return HealthCheckResult.Degraded("Projection progress could not be read.", e);
        }

        var data = new Dictionary<string, object>
        {
            ["highestEvent"] = sample.HighestEvent,
            ["highWaterMark"] = sample.HighWaterMark.Sequence,
        };
        foreach (var shard in sample.Projections.Append(sample.HighWaterMark))
        {
            data[$"{shard.Shard}.behind"] = shard.Behind;
            data[$"{shard.Shard}.seconds"] = Math.Round(shard.Seconds, 3);
        }

        var lagging = sample.Projections.Append(sample.HighWaterMark)
            .Where(s => s.Behind > limits.MaxLagEvents || s.Seconds > limits.MaxLagSeconds)
            .Select(s => $"{s.Shard} is {s.Behind} events ({s.Seconds:0.#} s) behind")
            .ToList();
        return lagging.Count == 0
            ? HealthCheckResult.Healthy($"Async projections are within {limits.MaxLagEvents} events and {limits.MaxLagSeconds} s of the newest event.", data)
            : HealthCheckResult.Degraded(string.Join("; ", lagging) + ".", data: data);
    }
}
