using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Participation.Host.Http;

/// <summary>An example body of one request type, registered by the capability that owns the request.</summary>
public sealed record RequestExample(Type RequestType, object Example);

public static class RequestExamples
{
    /// <summary>Documents <paramref name="example"/> as the example body of every operation that takes a <typeparamref name="T"/>.</summary>
    public static IServiceCollection AddRequestExample<T>(this IServiceCollection services, T example) where T : notnull =>
        services.AddSingleton(new RequestExample(typeof(T), example));
}

/// <summary>
/// Puts each registered example into the OpenAPI document, serialized as the API reads it, so the examples are
/// typed instances of the requests and cannot drift from their shape.
/// </summary>
public sealed class RequestExamplesOperationFilter(IEnumerable<RequestExample> examples, IOptions<JsonOptions> json) : IOperationFilter
{
    private readonly Dictionary<Type, object> _examples = examples.ToDictionary(e => e.RequestType, e => e.Example);

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var body = context.ApiDescription.ParameterDescriptions.FirstOrDefault(p => p.Source.Id == "Body")?.Type;
        if (body is null || !_examples.TryGetValue(body, out var example) || operation.RequestBody?.Content is not { } content) return;
        var node = System.Text.Json.Nodes.JsonNode.Parse(JsonSerializer.Serialize(example, body, json.Value.SerializerOptions));
        foreach (var media in content.Values.OfType<OpenApiMediaType>()) media.Example = node;
    }
}

/// <summary>
/// The endpoint's short summary (<c>[EndpointSummary]</c>) stays the operation's summary; its XML documentation,
/// which Swashbuckle would put in its place, becomes the description.
/// </summary>
public sealed class EndpointSummaryOperationFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var summary = context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<Microsoft.AspNetCore.Http.Metadata.IEndpointSummaryMetadata>()
            .LastOrDefault()?.Summary;
        if (summary is null || operation.Summary == summary) return;
        operation.Description ??= operation.Summary;
        operation.Summary = summary;
    }
}
