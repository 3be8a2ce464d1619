using System.Security.Cryptography;
using System.Text;

namespace Participation.Host.Audit.Seals;

/// <summary>What a seal covers: the event's identity, content and metadata as stored.</summary>
public sealed record SealedEvent(
    string TenantId, Guid StreamId, long Version, string Type, string DataJson,
    string? UserName, string? CorrelationId, string? CausationId);

/// <summary>
/// seal(n) = HMAC-SHA256(key, seal(n-1) ‖ event n). Each seal covers its event's content and
/// metadata and, through the previous seal, the whole history before it: a row edited, removed or
/// reordered in the database breaks the chain from that version on. The key keeps someone with
/// write access to the database, but not to the key, from forging a new chain.
/// </summary>
public sealed class EventSeal(byte[] key)
{
    public const string Header = "seal";
    public const string Genesis = "";

    // Setting up the HMAC key costs more than sealing a small event, so each thread keeps a keyed
    // instance; GetHashAndReset returns it to its keyed initial state.
    private readonly ThreadLocal<IncrementalHash> _hmac = new(() => IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key));

    public string Compute(string previous, SealedEvent e)
    {
        // Everything that can throw comes before the first AppendData, so a failure never leaves
        // half a message in this thread's instance.
        var data = CanonicalJson.Bytes(e.DataJson);
        var hmac = _hmac.Value!;
        Field(hmac, previous);
        Field(hmac, e.TenantId);
        Field(hmac, e.StreamId.ToString("N"));
        Field(hmac, e.Version.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Field(hmac, e.Type);
        Field(hmac, e.UserName);
        Field(hmac, e.CorrelationId);
        Field(hmac, e.CausationId);
        Length(hmac, data.Length);
        hmac.AppendData(data);
        return Convert.ToHexStringLower(hmac.GetHashAndReset());
    }

    // Length-prefixed fields, so no value can shift into the next one.
    private static void Field(IncrementalHash hmac, string? value)
    {
        if (value is null) { Length(hmac, -1); return; }
        var bytes = Encoding.UTF8.GetBytes(value);
        Length(hmac, bytes.Length);
        hmac.AppendData(bytes);
    }

    private static void Length(IncrementalHash hmac, int length)
    {
        Span<byte> prefix = stackalloc byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(prefix, length);
        hmac.AppendData(prefix);
    }
}
