using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Participation.Host.Audit.Seals;

/// <summary>
/// One byte-exact form of a JSON value, whether it comes from our serializer or back from a
/// PostgreSQL <c>jsonb</c> column (which reorders keys and respaces): keys sorted, no whitespace,
/// one escaping. Every seal depends on these bytes, so they must never change: values are written by
/// <see cref="JsonElement.WriteTo"/> as before; only the walk over objects and arrays is ours (it reads a
/// pooled <see cref="JsonDocument"/> instead of building a <c>JsonNode</c> tree on every append).
/// </summary>
public static class CanonicalJson
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = false };

    public static byte[] Bytes(string json)
    {
        using var document = JsonDocument.Parse(json);
        var buffer = new ArrayBufferWriter<byte>(json.Length + 16);
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            Write(writer, document.RootElement);
        }
        return buffer.WrittenSpan.ToArray();
    }

    private static void Write(Utf8JsonWriter writer, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var properties = new List<JsonProperty>();
                foreach (var property in element.EnumerateObject()) properties.Add(property);
                properties.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
                writer.WriteStartObject();
                foreach (var property in properties)
                {
                    writer.WritePropertyName(property.Name);
                    Write(writer, property.Value);
                }
                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray()) Write(writer, item);
                writer.WriteEndArray();
                break;
            default:
                element.WriteTo(writer);
                break;
        }
    }
}
