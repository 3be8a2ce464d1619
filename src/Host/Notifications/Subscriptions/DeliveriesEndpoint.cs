using Marten;
using Microsoft.AspNetCore.Authorization;
using Participation.Domain.Cases;
using Participation.Host.Http;
using Participation.Host.Notifications.Delivery;
using Participation.Host.Security;
using Wolverine.Http;

namespace Participation.Host.Notifications.Subscriptions;

public sealed record DeliveryPage(IReadOnlyList<DeliveryAttempt> Items, int Page, int PageSize, long Total);

public static class DeliveriesEndpoint
{
    public const int MaxPageSize = 200;

    /// <summary>Every attempt, newest first: the HTTP status (or <c>timeout</c>, <c>connection-error</c>) and how long it took. Kept for <c>Notifications:DeliveryLogRetention</c>.</summary>
    [EndpointSummary("A subscription's delivery log")]
    [WolverineGet(SubscriptionRoutes.One + "/deliveries", OperationId = "GetSubscriptionDeliveries"), Authorize(Policy = Policies.Administer)]
    public static async Task<DeliveryPage> Get(Guid subscriptionId, int? page, int? pageSize, IQuerySession session, DeliveryStates states,
        CancellationToken cancellation)
    {
        var errors = new Dictionary<string, string[]>();
        var paging = Paging.From(page, pageSize, defaultSize: 50, MaxPageSize, errors);
        if (errors.Count > 0) throw new InvalidCommand(errors);
        await ReadSubscriptionsEndpoint.Find(session, subscriptionId, cancellation);
        var (items, total) = await states.Of(session).DeliveriesAsync(subscriptionId, paging.Skip, paging.Size, cancellation);
        return new DeliveryPage(items, paging.Page, paging.Size, total);
    }
}
