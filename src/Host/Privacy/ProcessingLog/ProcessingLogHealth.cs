using System.Diagnostics.Metrics;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Participation.Host.Privacy;

/// <summary>
/// Failures of the processing log made visible: the <c>Participation.ProcessingLog</c> meter counts records stored (by
/// <c>kind</c>, read or write) and failures, and readiness reports the node unhealthy once storing has failed for longer
/// than <c>ProcessingLog:UnhealthyAfter</c> without a success in between (reads are refused meanwhile anyway).
/// </summary>
public sealed class ProcessingLogHealth : IHealthCheck
{
    public const string MeterName = "Participation.ProcessingLog";

    private readonly TimeProvider _clock;
    private readonly IOptions<ProcessingLogOptions> _options;
    private readonly Counter<long> _records;
    private readonly Counter<long> _failures;
    private long _failingSinceTicks;

    public ProcessingLogHealth(IMeterFactory meters, TimeProvider clock, IOptions<ProcessingLogOptions> options)
    {
        _clock = clock;
        _options = options;
        var meter = meters.Create(MeterName);
        _records = meter.CreateCounter<long>("participation.processing_log.records", "{record}", "Processing log records stored, by kind (read, write)");
        _failures = meter.CreateCounter<long>("participation.processing_log.failures", "{failure}", "Processing log writes that failed (a read refused with 503)");
    }

    /// <summary>When storing began to fail, if it fails still.</summary>
    public DateTimeOffset? FailingSince => Interlocked.Read(ref _failingSinceTicks) is var ticks and > 0 ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;

    public void Stored(int records, string kind)
    {
        _records.Add(records, new KeyValuePair<string, object?>("kind", kind));
        Interlocked.Exchange(ref _failingSinceTicks, 0);
    }

    public void Failed()
    {
        _failures.Add(1);
        Interlocked.CompareExchange(ref _failingSinceTicks, _clock.GetUtcNow().UtcTicks, 0);
    }

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var since = FailingSince;
        if (since is null) return Task.FromResult(HealthCheckResult.Healthy("Records are stored."));
        var failing = _clock.GetUtcNow() - since.Value;
        return Task.FromResult(failing >= _options.Value.UnhealthyAfter
            ? HealthCheckResult.Unhealthy($"The processing log has failed to store records for {failing.TotalSeconds:0} s; reads of personal data are refused.")
            : HealthCheckResult.Degraded("The processing log failed to store records just now."));
    }
}
