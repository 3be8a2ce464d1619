using Marten;
using Microsoft.AspNetCore.Authorization;
using Participation.Domain.Cases;
using Participation.Projections;
using Participation.Host.Http;
using Participation.Host.Notifications.Delivery;
using Participation.Host.Security;
using Wolverine.Http;

namespace Participation.Host.Notifications.Subscriptions;

public sealed record CreateSubscription(string CallbackUrl, IReadOnlyList<string> EventTypes, IReadOnlyList<CaseDomain>? Domains = null, string? Description = null);

public static class CreateSubscriptionEndpoint
{
    /// <summary>
    /// Registers a webhook: every event of the tenant appended from now on whose stored type (and case domain)
    /// it names is sent to <c>callbackUrl</c>, signed with the secret in this answer, which is shown only here.
    /// </summary>
    [EndpointSummary("Subscribe a webhook to the tenant's case events")]
    [WolverinePost(SubscriptionRoutes.All, OperationId = "CreateSubscription"), Authorize(Policy = Policies.Administer), Idempotent]
    public static async Task<IResult> Post(CreateSubscription command, IDocumentSession session, CallbackAddresses callbacks,
        WebhookSecrets secrets, TimeProvider clock, CancellationToken cancellation)
    {
        var errors = new Dictionary<string, string[]>();
        if (await callbacks.ProblemAsync(command.CallbackUrl, cancellation) is { } problem) errors["callbackUrl"] = [problem];
        var types = command.EventTypes ?? [];
        var unknown = types.Where(t => t != WebhookSubscription.AllTypes && !PublishedEvents.Names.Contains(t)).ToList();
        if (types.Count == 0) errors["eventTypes"] = ["needs at least one stored event type, or \"*\" for all"];
        else if (unknown.Count > 0)
            errors["eventTypes"] = [$"unknown event types: {string.Join(", ", unknown)}; known: {string.Join(", ", PublishedEvents.Names)}, or \"*\""];
        if (command.Description is { } description && (description.Length > CommandValidation.ShortText || CommandValidation.HasForbiddenCharacters(description)))
            errors["description"] = [$"may be at most {CommandValidation.ShortText} characters, without control characters"];
        if (errors.Count > 0) throw new InvalidCommand(errors);

        var subscription = new WebhookSubscription
        {
            Id = Guid.CreateVersion7(), CallbackUrl = command.CallbackUrl, EventTypes = types.Distinct().ToList(),
            Domains = (command.Domains ?? []).Distinct().ToList(), Description = command.Description,
            CreatedAt = clock.GetUtcNow(), StartPosition = await session.Database.FetchHighestEventSequenceNumber(cancellation),
        };
        var secret = WebhookSignature.NewSecret();
        secrets.Keep(subscription, session.TenantId, secret);
        session.Store(subscription);
        DeliveryState.Create(session, subscription.Id);
        var view = SubscriptionView.Of(subscription, null);
        return Results.Created($"{SubscriptionRoutes.All}/{subscription.Id}", new SubscriptionCreated(
            view.Id, view.CallbackUrl, view.EventTypes, view.Domains, view.Description, view.Status, view.DisabledReason, view.CreatedAt,
            view.LastDeliveredAt, view.Position, view.Pending, secret));
    }
}
