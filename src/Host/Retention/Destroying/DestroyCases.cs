using Wolverine;

namespace Participation.Host.Retention.Destroying;

/// <summary>
/// A durable Wolverine message: destroy the pending cases of one approved list, a few per transaction, for one turn
/// (<see cref="CaseDestruction.Turn"/>), then send the next. Sent first by the approval in its own transaction; a node that
/// dies mid-list leaves it in the durable inbox, and the node that recovers it carries on from the list's own record of what
/// is destroyed already.
/// </summary>
public sealed record DestroyCases(Guid ListId, string Tenant)
{
    public const string Queue = "destruction";

    public static ValueTask StartAsync(IMessageBus bus, Guid listId, string tenant) =>
        bus.PublishAsync(new DestroyCases(listId, tenant), new DeliveryOptions { TenantId = tenant });
}

public static class DestroyCasesHandler
{
    /// <summary>One turn of the list's destruction; an unfinished list is handed to the next message, so no handler runs long.</summary>
    public static async Task Handle(DestroyCases message, CaseDestruction destruction, IMessageBus bus, CancellationToken cancellation)
    {
        if (!await destruction.RunAsync(message.ListId, message.Tenant, cancellation))
            await DestroyCases.StartAsync(bus, message.ListId, message.Tenant);
    }
}
