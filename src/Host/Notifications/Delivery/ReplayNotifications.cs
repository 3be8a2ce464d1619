using JasperFx.Events.Projections;
using Marten;
using Participation.Projections;
using Wolverine;

namespace Participation.Host.Notifications.Delivery;

/// <summary>A durable Wolverine message: queue every matching event of the tenant from <see cref="FromPosition"/> on for the subscription again.</summary>
public sealed record ReplayNotifications(Guid SubscriptionId, string Tenant, long FromPosition);

public static class ReplayNotificationsHandler
{
    private const int Page = 500;

    /// <summary>
    /// Pages through the tenant's events up to what the fan-out has handed over (later ones it hands over
    /// itself) and queues the matching ones; an event still waiting is not queued twice, so a replay that is
    /// retried after a node died queues nothing twice.
    /// </summary>
    public static async Task Handle(ReplayNotifications message, IDocumentStore store, IMessageBus bus, CancellationToken cancellation)
    {
        await using var session = store.LightweightSession(message.Tenant);
        if (await session.LoadAsync<WebhookSubscription>(message.SubscriptionId, cancellation) is not { } subscription) return;
        var handedOver = await (await store.Storage.FindOrCreateDatabase(message.Tenant)).ProjectionProgressFor(new ShardName(NotificationFanOut.Name, "All", 1), cancellation);
        for (var after = message.FromPosition - 1; ;)
        {
            var events = await session.Events.QueryNotifiedEvents()
                .Where(e => e.Sequence > after && e.Sequence <= handedOver).OrderBy(e => e.Sequence).Take(Page).ToListAsync(cancellation);
            if (events.Count == 0) break;
            var domains = await NotificationFanOut.Domains(session, events, cancellation);
            DeliveryState.Queue(session, events.Select(e => NotificationFanOut.Of(e, domains))
                .Where(n => subscription.Wants(n.Type, n.Domain)).Select(n => (subscription.Id, n)).ToList());
            await session.SaveChangesAsync(cancellation);
            after = events[^1].Sequence;
        }
        await bus.PublishAsync(new PumpNotifications(subscription.Id, message.Tenant));
    }
}
