using JasperFx.Events;
using Marten;
using Participation.Domain.Cases;
using Participation.Domain.Networks;
using Participation.Domain.Retention;

namespace Participation.Projections;

/// <summary>The events of the tenant's cases and networks: what the audit log, the change feed and the webhooks publish.</summary>
public static class PublishedEvents
{
    /// <summary>The stored names of every case and network event type.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. CaseEventTypes.Names, .. NetworkEventTypes.Names];

    private static readonly string[] NameArray = [.. Names];

    /// <summary>What integrators are told of: the published events, and each case's destruction (from its list's stream, ADR 34).</summary>
    private static readonly string[] NotifiedArray = [.. Names, DestructionEventTypes.Destroyed];
    private static readonly HashSet<string> NetworkNames = [.. NetworkEventTypes.Names];

    /// <summary>Whether an event of this stored type belongs to a network's stream (else to a case's).</summary>
    public static bool IsNetworkEvent(string type) => NetworkNames.Contains(type);

    /// <summary>
    /// The tenant's case and network events, without the store's own: Marten writes a <c>tombstone</c> in a stream of its own
    /// for each sequence number of an append whose transaction rolled back (a client that hung up mid-command), and those
    /// are nobody's history, notification or audit record.
    /// </summary>
    public static IQueryable<IEvent> QueryPublishedEvents(this Marten.Events.IQueryEventStore events) =>
        events.QueryAllRawEvents().Where(e => e.EventTypeName.IsOneOf(NameArray));

    /// <summary>The published events and the destructions: what the change feed and the webhooks carry.</summary>
    public static IQueryable<IEvent> QueryNotifiedEvents(this Marten.Events.IQueryEventStore events) =>
        events.QueryAllRawEvents().Where(e => e.EventTypeName.IsOneOf(NotifiedArray));
}
