namespace Participation.Host.Notifications.Delivery;

/// <summary>
/// A durable Wolverine message: deliver what is due for one subscription. Sent by the fan-out, by enable and
/// replay, by a pump that found more work, and scheduled for the next retry; any number of them may be on
/// their way, and a lease lets only one pump a subscription at a time. It names the subscription's tenant, whose database
/// holds its state (ADR 40); messages stored before it did have none and mean the one shared database.
/// </summary>
public sealed record PumpNotifications(Guid SubscriptionId, string? Tenant = null);

public static class PumpNotificationsHandler
{
    public static Task Handle(PumpNotifications message, NotificationPump pump, Wolverine.IMessageBus bus, CancellationToken cancellation) =>
        pump.PumpAsync(message.SubscriptionId, message.Tenant, bus, cancellation);
}
