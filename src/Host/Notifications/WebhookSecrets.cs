using System.Text;
using Participation.Host.Privacy;

namespace Participation.Host.Notifications;

/// <summary>
/// The subscriptions' signing secrets, stored wrapped under the master key like the participants' keys (ADR 13), bound
/// to their tenant and subscription; a secret stored before secrets were wrapped is used as it is until
/// <c>privacy rewrap</c> wraps it.
/// </summary>
public sealed class WebhookSecrets(MasterKeyRing masterKeys)
{
    private const string Purpose = "webhook-secret";

    public static readonly WrappedSecretKind Kind = new(typeof(WebhookSubscription), Purpose,
        WrappedSecretKind.Stored(nameof(WebhookSubscription.WrappedSecret)), WrappedSecretKind.Stored(nameof(WebhookSubscription.Secret)), Encoding.UTF8.GetBytes);

    public void Keep(WebhookSubscription subscription, string tenant, string secret) =>
        subscription.WrappedSecret = masterKeys.Wrap(Encoding.UTF8.GetBytes(secret), Purpose, tenant, subscription.Id);

    public string Of(WebhookSubscription subscription, string tenant) =>
        subscription.WrappedSecret is { } wrapped
            ? Encoding.UTF8.GetString(masterKeys.Unwrap(wrapped, Purpose, tenant, subscription.Id))
            : subscription.Secret ?? throw new InvalidOperationException($"Webhook subscription {subscription.Id} has no secret.");
}
