using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Unicode;

namespace Participation.Host.Notifications;

/// <summary>
/// Signs requests with one subscription's key after the Standard Webhooks specification:
/// <c>v1,</c> + base64(HMAC-SHA256(key, "{id}.{timestamp}.{body}")). Keyed HMACs are made once and reused by the
/// round's concurrent posts: making one (OpenSSL looks the algorithm up each time) costs as much as a signature.
/// </summary>
public sealed class WebhookSigner(byte[] key) : IDisposable
{
    private readonly ConcurrentBag<IncrementalHash> _idle = [];

    public string Sign(string id, long timestamp, ReadOnlySpan<byte> body)
    {
        Span<byte> prefix = stackalloc byte[128];
        if (!Utf8.TryWrite(prefix, $"{id}.{timestamp}.", out var written)) throw new ArgumentException("The webhook id is too long to sign.", nameof(id));
        var hmac = _idle.TryTake(out var idle) ? idle : IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);
        try
        {
            hmac.AppendData(prefix[..written]);
            hmac.AppendData(body);
            Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
            hmac.GetHashAndReset(mac);
            return "v1," + Convert.ToBase64String(mac);
        }
        finally
        {
            _idle.Add(hmac);
        }
    }

    public void Dispose()
    {
        while (_idle.TryTake(out var hmac)) hmac.Dispose();
    }
}
