using Participation.Domain.Cases;
using Participation.Host.Notifications.Delivery;

namespace Participation.Host.Notifications.Subscriptions;

/// <summary>A subscription as integrators see it: never its secret.</summary>
public record SubscriptionView(
    Guid Id, string CallbackUrl, IReadOnlyList<string> EventTypes, IReadOnlyList<CaseDomain> Domains, string? Description, string Status,
    string? DisabledReason, DateTimeOffset CreatedAt, DateTimeOffset? LastDeliveredAt, long Position, long Pending)
{
    public static SubscriptionView Of(WebhookSubscription subscription, SubscriptionState? state) => new(
        subscription.Id, subscription.CallbackUrl, subscription.EventTypes, subscription.Domains, subscription.Description,
        state?.Status ?? DeliveryState.Active, state?.DisabledReason, subscription.CreatedAt, state?.LastDeliveredAt, state?.Position ?? 0,
        state?.Pending ?? 0);
}

/// <summary>The answer to creating a subscription: the subscription and its secret, shown only here.</summary>
public sealed record SubscriptionCreated(
    Guid Id, string CallbackUrl, IReadOnlyList<string> EventTypes, IReadOnlyList<CaseDomain> Domains, string? Description, string Status,
    string? DisabledReason, DateTimeOffset CreatedAt, DateTimeOffset? LastDeliveredAt, long Position, long Pending, string Secret)
    : SubscriptionView(Id, CallbackUrl, EventTypes, Domains, Description, Status, DisabledReason, CreatedAt, LastDeliveredAt, Position, Pending);

public sealed record SubscriptionList(IReadOnlyList<SubscriptionView> Items);

public static class SubscriptionRoutes
{
    public const string All = "/api/subscriptions";
    public const string One = All + "/{subscriptionId:id}";
}
