using Wolverine;

namespace Participation.Host.Retention.Destroying;

/// <summary>
/// A durable Wolverine message: destroy the pending cases of one approved list, a few per transaction. Sent by the approval in
/// its own transaction; a node that dies mid-list leaves it in the durable inbox, and the node that recovers it carries on
/// from the list's own record of what is destroyed already.
/// </summary>
public sealed record DestroyCases(Guid ListId, string Tenant)
{
    public const string Queue = "destruction";

    public static ValueTask StartAsync(IMessageBus bus, Guid listId, string tenant) =>
        bus.PublishAsync(new DestroyCases(listId, tenant), new DeliveryOptions { TenantId = tenant });
}

public static class DestroyCasesHandler
{
    public static Task Handle(DestroyCases message, CaseDestruction destruction, CancellationToken cancellation) =>
        destruction.RunAsync(message.ListId, message.Tenant, cancellation);
}
