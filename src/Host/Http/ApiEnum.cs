using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Participation.Host.Http;

/// <summary>Parses query-string enum values in their wire form (<c>home-visit</c>, <c>sports-club</c>).</summary>
public static class ApiEnum
{
    /// <summary>The wire form, converted once per value: lists, exports and webhooks write it for every row.</summary>
    public static string Name<TEnum>(TEnum value) where TEnum : struct, Enum =>
        Names<TEnum>.Of.TryGetValue(value, out var name) ? name : Convert(value);

    public static bool TryParse<TEnum>(string value, out TEnum result) where TEnum : struct, Enum
    {
        foreach (var candidate in Enum.GetValues<TEnum>())
        {
            if (!string.Equals(Name(candidate), value, StringComparison.OrdinalIgnoreCase)) continue;
            result = candidate;
            return true;
        }
        result = default;
        return false;
    }

    public static string Allowed<TEnum>() where TEnum : struct, Enum => string.Join(", ", Enum.GetValues<TEnum>().Select(Name));

    /// <summary>The name JSON gives the value: its <c>[JsonStringEnumMemberName]</c> (<c>late-3x</c>), else its name in kebab case.</summary>
    private static string Convert<TEnum>(TEnum value) where TEnum : struct, Enum =>
        typeof(TEnum).GetField(value.ToString())?.GetCustomAttributes(typeof(JsonStringEnumMemberNameAttribute), false) is [JsonStringEnumMemberNameAttribute named, ..]
            ? named.Name
            : JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());

    private static class Names<TEnum> where TEnum : struct, Enum
    {
        public static readonly FrozenDictionary<TEnum, string> Of = Enum.GetValues<TEnum>().Distinct().ToFrozenDictionary(v => v, Convert);
    }
}
