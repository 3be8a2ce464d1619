using System.Text.Json;
using System.Text.Json.Serialization;

namespace Participation.Host.Http;

/// <summary>The wire format of API.md: camelCase, lower-case (kebab) enum strings, strict input.</summary>
public static class ApiJson
{
    public static void Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.DictionaryKeyPolicy = JsonNamingPolicy.CamelCase;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false));
        // A missing required field or a null where none is allowed is a 400, not a silent default.
        options.RespectRequiredConstructorParameters = true;
        options.RespectNullableAnnotations = true;
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip;
        options.MaxDepth = 32;
    }
}
