using Microsoft.Extensions.Options;
using Participation.Host.FollowUp.Reading;

namespace Participation.Host.FollowUp.Timers;

/// <summary>
/// Every node looks for passed timers every <see cref="FollowUpOptions.CheckInterval"/> (ADR 29), at once again after a round
/// that recorded something (many deadlines falling due together take several rounds): what a dead node was
/// checking is rolled back with its transaction and found again by the others; a database that is away is tried again
/// at the next round. The wait is real time; what is due is read from the host's clock, so tests move that clock. The first
/// round also fills the worklist's table of a database written before it (<see cref="WorklistBackfill"/>).
/// </summary>
public sealed class FollowUpTimers(OverdueCheck check, WorklistBackfill backfill, IOptions<FollowUpOptions> options, ILogger<FollowUpTimers> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Timers) return;
        var filled = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!filled) await backfill.RunAsync(stoppingToken);
                filled = true;
                // A round that recorded something may have left more due cases than it takes (BatchSize): on at once.
                if (await check.RunDueAsync(stoppingToken) > 0) continue;
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(e, "Checking follow-up timers (or filling the worklist's table) failed; trying again in {Interval}.", options.Value.CheckInterval);
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
