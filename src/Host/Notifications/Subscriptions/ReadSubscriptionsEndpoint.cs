using Marten;
using Microsoft.AspNetCore.Authorization;
using Participation.Host.Http;
using Participation.Host.Notifications.Delivery;
using Participation.Host.Security;
using Wolverine.Http;

namespace Participation.Host.Notifications.Subscriptions;

public static class ReadSubscriptionsEndpoint
{
    [EndpointSummary("The tenant's webhook subscriptions")]
    [WolverineGet(SubscriptionRoutes.All, OperationId = "ListSubscriptions"), Authorize(Policy = Policies.Administer)]
    public static async Task<SubscriptionList> List(IQuerySession session, DeliveryStates states, CancellationToken cancellation)
    {
        var subscriptions = await session.Query<WebhookSubscription>().OrderBy(s => s.CreatedAt).ToListAsync(cancellation);
        var delivery = (await states.Of(session).ReadAsync(session.TenantId, subscriptions.Select(s => s.Id).ToArray(), cancellation)).ToDictionary(s => s.SubscriptionId);
        return new SubscriptionList(subscriptions.Select(s => SubscriptionView.Of(s, delivery.GetValueOrDefault(s.Id))).ToList());
    }

    [EndpointSummary("One webhook subscription")]
    [WolverineGet(SubscriptionRoutes.One, OperationId = "GetSubscription"), Authorize(Policy = Policies.Administer)]
    public static async Task<SubscriptionView> Get(Guid subscriptionId, IQuerySession session, DeliveryStates states, CancellationToken cancellation)
    {
        var subscription = await Find(session, subscriptionId, cancellation);
        return SubscriptionView.Of(subscription, (await states.Of(session).ReadAsync(session.TenantId, [subscriptionId], cancellation)).SingleOrDefault());
    }

    /// <summary>The caller's tenant's subscription; another tenant's does not exist for them.</summary>
    public static async Task<WebhookSubscription> Find(IQuerySession session, Guid subscriptionId, CancellationToken cancellation) =>
        await session.LoadAsync<WebhookSubscription>(subscriptionId, cancellation)
        ?? throw new ResourceNotFound($"There is no subscription {subscriptionId}.");
}
