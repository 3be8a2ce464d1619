using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Participation.Host.Audit.Seals;

namespace Participation.Host.Tests.Audit;

/// <summary>
/// Every stored seal covers <see cref="CanonicalJson"/>'s bytes, so its output may never change: it must equal, byte for
/// byte, the form the seals were first made with (a <c>JsonNode</c> tree written back with sorted keys, kept here).
/// </summary>
public sealed class CanonicalJsonTests
{
    [Theory]
    [InlineData("""{"b":1,"a":{"d":[3,2,{"z":null,"y":true}],"c":"x"}}""")]
    [InlineData("""{"summary": "pd1:0190a1b2c3d4e5f60718293a4b5c6d7e:AbC+/=:q8/+Zz==", "kind": "HomeVisit", "participantIds": ["0190a1b2-c3d4-e5f6-0718-293a4b5c6d7e"]}""")]
    [InlineData("""{"text":"Zeynep \u00e7\u00f6z \u2603 \ud83d\ude00 <b>&amp;</b> \"quoted\" \\ back\nslash\t","n":1.50,"m":-0,"big":12345678901234567890,"e":1e-7}""")]
    [InlineData("""{"\u00e9":1,"e":2,"E":3,"_":4,"":5, "aa": [], "a": {}}""")]
    [InlineData("""[1, "two", null, false, {"b": [ ], "a" : 1 }]""")]
    [InlineData("\"just a string\"")]
    public void Writes_the_bytes_the_seals_were_made_with(string json) => Assert.Equal(Reference(json), CanonicalJson.Bytes(json));

    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = false };

    private static byte[] Reference(string json)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Options)) Write(writer, JsonNode.Parse(json));
        return buffer.ToArray();
    }

    private static void Write(Utf8JsonWriter writer, JsonNode? node)
    {
        switch (node)
        {
            case null:
                writer.WriteNullValue();
                break;
            case JsonObject obj:
                writer.WriteStartObject();
                foreach (var (name, value) in obj.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(name);
                    Write(writer, value);
                }
                writer.WriteEndObject();
                break;
            case JsonArray array:
                writer.WriteStartArray();
                foreach (var item in array) Write(writer, item);
                writer.WriteEndArray();
                break;
            default:
                node.WriteTo(writer);
                break;
        }
    }
}
