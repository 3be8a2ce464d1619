using Microsoft.Extensions.Options;

namespace Participation.Host.FollowUp.Timers;

/// <summary>
/// Every node looks for passed timers every <see cref="FollowUpOptions.CheckInterval"/> (ADR 29): what a dead node was
/// checking is rolled back with its transaction and found again by the others; a database that is away is tried again
/// at the next round. The wait is real time; what is due is read from the host's clock, so tests move that clock.
/// </summary>
public sealed class FollowUpTimers(OverdueCheck check, IOptions<FollowUpOptions> options, ILogger<FollowUpTimers> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Timers) return;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await check.RunDueAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(e, "Checking follow-up timers failed; trying again in {Interval}.", options.Value.CheckInterval);
            }
            try
            {
                await Task.Delay(options.Value.CheckInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
