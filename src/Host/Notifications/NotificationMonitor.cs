using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Participation.Host.Notifications.Delivery;

namespace Participation.Host.Notifications;

/// <summary>
/// Samples every subscription's delivery state for the gauges, forgets delivery-log entries past their
/// retention, and is the <c>notifications</c> part of <c>/health/ready</c>: Degraded when an active
/// subscription's oldest waiting event is older than <see cref="NotificationOptions.MaxPendingAge"/>; every
/// subscription's waiting events, their age and a disabled one's reason are in the data.
/// </summary>
public sealed class NotificationMonitor(DeliveryStates databases, NotificationMetrics metrics, IOptions<NotificationOptions> options, TimeProvider clock,
    ILogger<NotificationMonitor> logger) : BackgroundService, IHealthCheck
{
    private static readonly TimeSpan SampleEvery = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan PruneEvery = TimeSpan.FromHours(1);

    public async Task<IReadOnlyList<SubscriptionState>> SampleAsync(CancellationToken cancellation)
    {
        var states = new List<SubscriptionState>();
        await databases.InEveryDatabaseAsync(async state => states.AddRange(await state.ReadAllAsync(cancellation)));
        metrics.SampledAt = clock.GetUtcNow();
        metrics.Latest = states;
        return states;
    }

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<SubscriptionState> states;
        try
        {
            states = await SampleAsync(cancellationToken);
        }
        catch (Exception e) when (e is Npgsql.NpgsqlException or TimeoutException or InvalidOperationException)
        {
            return HealthCheckResult.Degraded("The notification state could not be read.", e);
        }

        var data = new Dictionary<string, object>();
        foreach (var s in states)
        {
            data[$"{s.SubscriptionId}.status"] = s.Status;
            data[$"{s.SubscriptionId}.pending"] = s.Pending;
            data[$"{s.SubscriptionId}.oldestPendingSeconds"] = Math.Round(metrics.Age(s), 1);
            if (s.DisabledReason is { } reason) data[$"{s.SubscriptionId}.disabledReason"] = reason;
        }
        var limit = options.Value.MaxPendingAge;
        var late = states.Where(s => s.Status == DeliveryState.Active && metrics.Age(s) > limit.TotalSeconds)
            .Select(s => $"subscription {s.SubscriptionId} has {s.Pending} event(s) waiting, the oldest for {metrics.Age(s):0} s").ToList();
        var disabled = states.Count(s => s.Status == DeliveryState.Disabled);
        return late.Count == 0
            ? HealthCheckResult.Healthy($"{states.Count} subscription(s), {disabled} disabled; no active one has an event waiting longer than {limit}.", data)
            : HealthCheckResult.Degraded(string.Join("; ", late) + ".", data: data);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(SampleEvery);
        var pruned = DateTimeOffset.MinValue;
        do
        {
            try
            {
                await SampleAsync(stoppingToken);
                if (clock.GetUtcNow() - pruned > PruneEvery)
                {
                    await databases.InEveryDatabaseAsync(state => state.PruneDeliveriesAsync(options.Value.DeliveryLogRetention, stoppingToken));
                    pruned = clock.GetUtcNow();
                }
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(e, "Could not sample the notifications' delivery state");
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }
}
