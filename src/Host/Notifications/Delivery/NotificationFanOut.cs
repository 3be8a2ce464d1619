using JasperFx.Events;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Participation.Domain.Cases;
using Participation.Domain.Networks;
using Participation.Domain.Retention;
using Participation.Projections.Cases;
using Wolverine;
using Wolverine.Marten.Subscriptions;

namespace Participation.Host.Notifications.Delivery;

/// <summary>
/// The Marten subscription through which the events of cases and networks leave: for each batch the async daemon hands over (on one
/// node, wherever Wolverine placed it), every event is queued for each subscription of its tenant that wants
/// it, and each of those subscriptions gets a pump message. The queued rows and the pump messages (Wolverine's
/// outbox) are committed in the same transaction as the subscription's progress: nothing is handed over twice
/// or lost when a node dies.
/// </summary>
public sealed class NotificationFanOut : BatchSubscription
{
    public const string Name = "Notifications";

    public NotificationFanOut() : base(Name)
    {
        foreach (var type in CaseEventTypes.All) IncludeType(type.Type);
        foreach (var (type, _) in NetworkEventTypes.All) IncludeType(type);
        IncludeType(typeof(CaseDestroyed));
    }

    public override async Task ProcessEventsAsync(EventRange page, ISubscriptionController controller, IDocumentOperations operations, IMessageBus bus,
        CancellationToken cancellationToken)
    {
        var events = page.Events.Where(e => e.Data is ICaseEvent or INetworkEvent or CaseDestroyed).ToList();
        if (events.Count == 0) return;
        var subscriptions = (await operations.Query<WebhookSubscription>().Where(s => s.AnyTenant()).ToListAsync(cancellationToken))
            .ToLookup(s => s.TenantId ?? "");
        if (subscriptions.Count == 0) return;

        var rows = new List<(Guid, Notification)>();
        foreach (var tenant in events.GroupBy(e => e.TenantId).Where(t => subscriptions.Contains(t.Key)))
        {
            var domains = await Domains(operations.ForTenant(tenant.Key), tenant.ToList(), cancellationToken);
            foreach (var e in tenant)
            {
                var notification = Of(e, domains);
                rows.AddRange(subscriptions[tenant.Key]
                    .Where(s => e.Sequence > s.StartPosition && s.Wants(notification.Type, notification.Domain))
                    .Select(s => (s.Id, notification)));
            }
        }
        DeliveryState.Queue(operations, rows);
        foreach (var (subscription, tenant) in rows.Select(r => (r.Item1, r.Item2.Tenant)).Distinct())
            await bus.PublishAsync(new PumpNotifications(subscription, tenant));
    }

    /// <summary>The notification of a case's or a network's event; <paramref name="domains"/> holds the case's domain.</summary>
    public static Notification Of(IEvent e, IReadOnlyDictionary<Guid, CaseDomain> domains) => e.Data is CaseDestroyed destroyed
        // From the list's stream, about the case: the case is its subject, its sequence follows the case's last version (ADR 34).
        ? new(e.Id, e.TenantId, destroyed.CaseId, e.Sequence, destroyed.LastVersion + 1, Notification.Destroyed, destroyed.Domain, e.Timestamp, e.StreamId)
        : new(e.Id, e.TenantId, e.StreamId, e.Sequence, e.Version, e.EventTypeName, e.Data is ICaseEvent ? domains[e.StreamId] : null, e.Timestamp);

    /// <summary>Each case's domain: from its opening if that is in the batch, else from its summary (inline, so it is there).</summary>
    public static async Task<Dictionary<Guid, CaseDomain>> Domains(IQuerySession tenant, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        var domains = events.Select(e => e.Data).OfType<CaseOpened>().ToDictionary(o => o.CaseId, o => o.Domain);
        var unknown = events.Where(e => e.Data is ICaseEvent).Select(e => e.StreamId).Where(id => !domains.ContainsKey(id)).Distinct().ToArray();
        if (unknown.Length > 0)
            foreach (var summary in await tenant.LoadManyAsync<CaseSummary>(cancellation, unknown))
                domains[summary.Id] = summary.Domain;
        return domains;
    }
}
