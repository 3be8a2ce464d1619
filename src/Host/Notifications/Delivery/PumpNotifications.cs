namespace Participation.Host.Notifications.Delivery;

/// <summary>
/// A durable Wolverine message: deliver what is due for one subscription. Sent by the fan-out, by enable and
/// replay, by a pump that found more work, and scheduled for the next retry; any number of them may be on
/// their way, and a lease lets only one pump a subscription at a time.
/// </summary>
public sealed record PumpNotifications(Guid SubscriptionId);

public static class PumpNotificationsHandler
{
    public static Task Handle(PumpNotifications message, NotificationPump pump, Wolverine.IMessageBus bus, CancellationToken cancellation) =>
        pump.PumpAsync(message.SubscriptionId, bus, cancellation);
}
