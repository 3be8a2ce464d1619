using System.Text.Json;

namespace Participation.Host.Http;

/// <summary>Parses query-string enum values in their wire form (<c>home-visit</c>, <c>sports-club</c>).</summary>
public static class ApiEnum
{
    public static string Name<TEnum>(TEnum value) where TEnum : struct, Enum =>
        JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());

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
}
