using System.Text;
using Microsoft.Extensions.Options;

namespace Participation.Host.Audit.Seals;

public enum SealCheck { Holds, Broken, UnknownKey }

/// <summary>
/// The seal keys by id. New events are sealed with the current key, and each seal names it: <c>{key id}:{hmac}</c>
/// in the <c>seal</c> header. A seal without a key id was written before seals named their key, with the key whose
/// id is <see cref="DefaultId"/>. Each event is checked with the key its own seal names, so a history sealed partly
/// under an older key stays verifiable as long as that key is configured.
/// </summary>
public sealed class SealKeyRing
{
    public const string DefaultId = "default";
    private const char Separator = ':';

    private readonly Dictionary<string, EventSeal> _seals;

    public SealKeyRing(IOptions<SealKeyOptions> options)
    {
        var keys = options.Value.Keys();
        _seals = keys.ToDictionary(k => k.Id, k => new EventSeal(Encoding.UTF8.GetBytes(k.Key)), StringComparer.Ordinal);
        CurrentId = keys[0].Id;
    }

    public string CurrentId { get; }

    /// <summary>The seal of <paramref name="e"/> following <paramref name="previous"/>, made with the current key.</summary>
    public string Seal(string previous, SealedEvent e) => CurrentId + Separator + _seals[CurrentId].Compute(previous, e);

    /// <summary>Whether <paramref name="stored"/> is the seal that the key it names makes of <paramref name="e"/> after <paramref name="previous"/>.</summary>
    public SealCheck Check(string previous, SealedEvent e, string? stored, out string keyId)
    {
        keyId = DefaultId;
        if (stored is null) return SealCheck.Broken;
        var separator = stored.IndexOf(Separator);
        if (separator >= 0) keyId = stored[..separator];
        if (!_seals.TryGetValue(keyId, out var seal)) return SealCheck.UnknownKey;
        return string.Equals(seal.Compute(previous, e), stored[(separator + 1)..], StringComparison.Ordinal) ? SealCheck.Holds : SealCheck.Broken;
    }
}
