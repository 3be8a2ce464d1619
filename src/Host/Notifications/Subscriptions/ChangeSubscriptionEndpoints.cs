using Marten;
using Microsoft.AspNetCore.Authorization;
using Participation.Domain.Cases;
using Participation.Host.Notifications.Delivery;
using Participation.Host.Security;
using Wolverine;
using Wolverine.Http;

namespace Participation.Host.Notifications.Subscriptions;

public sealed record Replay(long FromPosition);

public sealed record ReplayAccepted(Guid SubscriptionId, long FromPosition);

public static class ChangeSubscriptionEndpoints
{
    /// <summary>Nothing more is sent to it once this answers; a delivery in flight is waited for.</summary>
    [EndpointSummary("Delete a webhook subscription")]
    [WolverineDelete(SubscriptionRoutes.One, OperationId = "DeleteSubscription"), Authorize(Policy = Policies.Administer)]
    public static async Task<IResult> Delete(Guid subscriptionId, IDocumentSession session, CancellationToken cancellation)
    {
        await ReadSubscriptionsEndpoint.Find(session, subscriptionId, cancellation);
        session.Delete<WebhookSubscription>(subscriptionId);
        DeliveryState.Delete(session, subscriptionId);
        return Results.NoContent();
    }

    /// <summary>A disabled subscription resumes where it stopped: its waiting events are sent again from the oldest on.</summary>
    [EndpointSummary("Enable a webhook subscription")]
    [WolverinePost(SubscriptionRoutes.One + "/enable", OperationId = "EnableSubscription"), Authorize(Policy = Policies.Administer)]
    public static async Task<SubscriptionView> Enable(Guid subscriptionId, IQuerySession session, DeliveryStates states, IMessageBus bus,
        CancellationToken cancellation)
    {
        await ReadSubscriptionsEndpoint.Find(session, subscriptionId, cancellation);
        await states.Of(session).EnableAsync(session.TenantId, subscriptionId, cancellation);
        await bus.PublishAsync(new PumpNotifications(subscriptionId, session.TenantId));
        return await ReadSubscriptionsEndpoint.Get(subscriptionId, session, states, cancellation);
    }

    /// <summary>Every matching event from <c>fromPosition</c> (a global sequence, inclusive) on is sent again, in order per case.</summary>
    [EndpointSummary("Send a subscription's events again from a position")]
    [WolverinePost(SubscriptionRoutes.One + "/replay", OperationId = "ReplaySubscription"), Authorize(Policy = Policies.Administer)]
    public static async Task<IResult> Post(Replay command, Guid subscriptionId, IQuerySession session, IMessageBus bus, CancellationToken cancellation)
    {
        await ReadSubscriptionsEndpoint.Find(session, subscriptionId, cancellation);
        var highest = await session.Database.FetchHighestEventSequenceNumber(cancellation);
        if (command.FromPosition < 1 || command.FromPosition > highest)
            throw new InvalidCommand(new Dictionary<string, string[]>
            {
                ["fromPosition"] = [$"must lie between 1 and the newest event's position, {highest}"],
            });
        await bus.PublishAsync(new ReplayNotifications(subscriptionId, session.TenantId, command.FromPosition));
        return Results.Accepted($"{SubscriptionRoutes.All}/{subscriptionId}", new ReplayAccepted(subscriptionId, command.FromPosition));
    }
}
