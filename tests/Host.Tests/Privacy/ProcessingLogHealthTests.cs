using System.Diagnostics.Metrics;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Participation.Host.Privacy;
using Participation.Host.Tests.Support;

namespace Participation.Host.Tests.Privacy;

/// <summary>Readiness of the processing log: degraded by a failure, unhealthy when failing persists, healthy again after a success.</summary>
public sealed class ProcessingLogHealthTests
{
    [Fact]
    public async Task A_failure_degrades_readiness_a_persisting_one_makes_it_unhealthy_and_a_stored_record_heals_it()
    {
        var clock = new FakeClock(DateTimeOffset.UtcNow);
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var health = new ProcessingLogHealth(services.GetRequiredService<IMeterFactory>(), clock,
            Options.Create(new ProcessingLogOptions { UnhealthyAfter = TimeSpan.FromSeconds(30) }));

        Assert.Equal(HealthStatus.Healthy, (await health.CheckHealthAsync(new HealthCheckContext())).Status);
        health.Failed();
        clock.Advance(TimeSpan.FromSeconds(20));
        health.Failed();
        Assert.Equal(HealthStatus.Degraded, (await health.CheckHealthAsync(new HealthCheckContext())).Status);
        clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(HealthStatus.Unhealthy, (await health.CheckHealthAsync(new HealthCheckContext())).Status);
        health.Stored(1, "read");
        Assert.Equal(HealthStatus.Healthy, (await health.CheckHealthAsync(new HealthCheckContext())).Status);
    }
}
