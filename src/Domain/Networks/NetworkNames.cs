using System.Globalization;
using System.Text;
using Participation.Domain.Cases;

namespace Participation.Domain.Networks;

/// <summary>How network names are compared, and the id a name and kind stand for.</summary>
public static class NetworkNames
{
    /// <summary>
    /// The name as duplicates are compared: without case, accents or surrounding spaces, and with runs of spaces as one
    /// ("  Moskée slotermeer " is "moskee slotermeer").
    /// </summary>
    public static string Key(string name)
    {
        var decomposed = name.Normalize(NormalizationForm.FormD);
        var plain = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark) plain.Append(c);
        var words = plain.ToString().Normalize(NormalizationForm.FormC).ToLowerInvariant()
            .Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        return string.Join(' ', words);
    }

    /// <summary>What a network of this name and kind claims in its tenant: no two networks that are not merged share it.</summary>
    public static string Claim(string name, NetworkKind kind) => $"{kind}:{Key(name)}";

    /// <summary>
    /// The id that a name and kind stand for in a tenant (a name-based UUID, RFC 9562 version 5): connections stored before
    /// networks had streams name no network id, and belong to this one (ADR 25).
    /// </summary>
    public static Guid DerivedId(string tenant, string name, NetworkKind kind) => NameBasedIds.Of(Namespace, $"{tenant}\n{Claim(name, kind)}");

    private static readonly Guid Namespace = new("0d5a8a8e-5a8b-4bb0-9f2e-7c1d3f0a6e21");
}
