using System.Diagnostics.Metrics;
using Participation.Host.Notifications.Delivery;

namespace Participation.Host.Notifications;

/// <summary>
/// The <c>Participation.Notifications</c> meter: every attempt by outcome, the time from an event's commit to its
/// receiver's <c>2xx</c>, and per subscription the events waiting, the age of the oldest and whether it is disabled.
/// </summary>
public sealed class NotificationMetrics
{
    public const string MeterName = "Participation.Notifications";

    private readonly Counter<long> _attempts;
    private readonly Histogram<double> _latency;

    public NotificationMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _attempts = meter.CreateCounter<long>("participation.notifications.attempts", "{attempt}", "Webhook deliveries attempted, by outcome");
        _latency = meter.CreateHistogram<double>("participation.notifications.delivery.latency", "s",
            "From an event's commit to its receiver's 2xx answer");
        meter.CreateObservableGauge("participation.notifications.pending", () => Measure(s => s.Pending), "{event}",
            "Events waiting to be answered 2xx, per subscription");
        meter.CreateObservableGauge("participation.notifications.oldest_pending.seconds", () => Measure(s => Age(s)), "s",
            "Age of the oldest event waiting, per subscription");
        meter.CreateObservableGauge("participation.notifications.disabled", () => Measure(s => s.Status == DeliveryState.Disabled ? 1 : 0), "{subscription}",
            "1 for a disabled subscription");
    }

    /// <summary>The latest sample of every subscription's state, taken by <see cref="NotificationMonitor"/>.</summary>
    public IReadOnlyList<SubscriptionState> Latest { get; set; } = [];

    public DateTimeOffset SampledAt { get; set; }

    public void Attempted(IEnumerable<AttemptOutcome> outcomes, DateTimeOffset now)
    {
        foreach (var outcome in outcomes)
        {
            _attempts.Add(1, new KeyValuePair<string, object?>("outcome", outcome.Delivered ? "2xx" : outcome.Status));
            if (outcome.Delivered) _latency.Record((now - outcome.Notification.OccurredAt).TotalSeconds);
        }
    }

    public double Age(SubscriptionState state) => state.OldestPendingAt is { } oldest ? Math.Max(0, (SampledAt - oldest).TotalSeconds) : 0;

    private IEnumerable<Measurement<double>> Measure(Func<SubscriptionState, double> value) =>
        Latest.Select(s => new Measurement<double>(value(s), new KeyValuePair<string, object?>("subscription", s.SubscriptionId.ToString())));
}
