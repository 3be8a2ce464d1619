using System.Security.Cryptography;
using System.Text;

namespace Participation.Host.Notifications;

/// <summary>
/// Signing after the Standard Webhooks specification: <c>v1,</c> + base64(HMAC-SHA256(key, "{id}.{timestamp}.{body}")),
/// the key being the base64-decoded part of the secret after <c>whsec_</c>.
/// </summary>
public static class WebhookSignature
{
    public const string SecretPrefix = "whsec_";

    public static string NewSecret() => SecretPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public static string Sign(string secret, string id, long timestamp, ReadOnlySpan<byte> body) => Sign(Key(secret), id, timestamp, body);

    /// <summary>The HMAC key of a secret, decoded once for many signatures.</summary>
    public static byte[] Key(string secret) => Convert.FromBase64String(secret[SecretPrefix.Length..]);

    public static string Sign(byte[] key, string id, long timestamp, ReadOnlySpan<byte> body)
    {
        var signed = new byte[Encoding.UTF8.GetByteCount(id) + body.Length + 24];
        var written = Encoding.UTF8.GetBytes($"{id}.{timestamp}.", signed);
        body.CopyTo(signed.AsSpan(written));
        return "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, signed.AsSpan(0, written + body.Length)));
    }
}
