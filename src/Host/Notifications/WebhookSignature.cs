using System.Security.Cryptography;

namespace Participation.Host.Notifications;

/// <summary>Webhook secrets after the Standard Webhooks specification: <c>whsec_</c> + base64 of the HMAC key.</summary>
public static class WebhookSignature
{
    public const string SecretPrefix = "whsec_";

    public static string NewSecret() => SecretPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>The HMAC key of a secret, decoded once for many signatures.</summary>
    public static byte[] Key(string secret) => Convert.FromBase64String(secret[SecretPrefix.Length..]);
}
