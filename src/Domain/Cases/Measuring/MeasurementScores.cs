using System.Text.Json;
using System.Text.Json.Serialization;

namespace Participation.Domain.Cases.Measuring;

/// <summary>
/// A measurement's scores as the event stores them: one personal text holding them as JSON, so they are encrypted, revealed
/// and erased with their person like every other personal text. The text starts with <see cref="StructuredText.Marker"/>,
/// which no text a user sends can hold (control characters are refused), so it is revealed as JSON rather than as a string.
/// </summary>
public static class MeasurementScores
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    public static string Encode(IReadOnlyList<DomainScore> scores) => StructuredText.Of(JsonSerializer.Serialize(scores, Json));

    /// <summary>The scores of a text <see cref="Encode"/> wrote; none when it is not one (erased, say).</summary>
    public static IReadOnlyList<DomainScore> Decode(string text) =>
        StructuredText.Json(text) is { } json ? JsonSerializer.Deserialize<DomainScore[]>(json, Json) ?? [] : [];
}

/// <summary>A personal text that holds JSON: marked, so what reveals it writes the JSON itself, and <c>null</c> once it is erased.</summary>
public static class StructuredText
{
    public const char Marker = '\u0001';

    public static string Of(string json) => Marker + json;

    /// <summary>A plain text kept as a JSON string, so that it, too, reads <c>null</c> once erased.</summary>
    public static string OfText(string text) => Of(System.Text.Json.JsonSerializer.Serialize(text));

    public static bool IsStructured(string text) => text.Length > 0 && text[0] == Marker;

    public static string? Json(string text) => IsStructured(text) ? text[1..] : null;
}
