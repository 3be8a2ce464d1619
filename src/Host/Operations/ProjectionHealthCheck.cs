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
/// Part of <c>/health/ready</c>: Degraded (still 200: commands and inline reads work) when the daemon's
/// high-water mark or an async projection is more than the limits behind the newest event (the daemon is
/// stuck, down or overloaded), or when a projection skipped an event it could not apply, until an operator
/// clears it. The data lists every shard's lag and every projection's failed events.
/// </summary>
public sealed class ProjectionHealthCheck(ProjectionMonitor monitor, ProjectionLagLimits limits) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        ProjectionSample sample;
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
        foreach (var failures in sample.Failures)
        {
            data[$"{failures.Projection}.failedEvents"] = failures.Count;
            data[$"{failures.Projection}.firstFailedSequence"] = failures.FirstSequence;
        }

        var problems = sample.Projections.Append(sample.HighWaterMark)
            .Where(s => s.Behind > limits.MaxLagEvents || s.Seconds > limits.MaxLagSeconds)
            .Select(s => $"{s.Shard} is {s.Behind} events ({s.Seconds:0.#} s) behind")
            .Concat(sample.Failures.Select(f =>
                $"{f.Projection} could not apply {f.Count} event(s) and skipped them, the first at sequence {f.FirstSequence} ({f.FirstError})"))
            .ToList();
        return problems.Count == 0
            ? HealthCheckResult.Healthy($"Async projections are within {limits.MaxLagEvents} events and {limits.MaxLagSeconds} s of the newest event.", data)
            : HealthCheckResult.Degraded(string.Join("; ", problems) + ".", data: data);
    }
}
