using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Participation.Host.Http;

/// <summary>
/// Every answer carries <c>API-Version</c> (<see cref="ApiVersion.UseApiVersionHeader"/>), so every response of every
/// operation declares it (NL API Design Rules <c>/core/version-header</c>), by reference to one header in the components.
/// Runs after the filters that add responses.
/// </summary>
public sealed class ApiVersionHeaderOperationFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var document = context.Document;
        document.Components ??= new OpenApiComponents();
        document.Components.Headers ??= new Dictionary<string, IOpenApiHeader>();
        document.Components.Headers.TryAdd(ApiVersion.Header, new OpenApiHeader
        {
            Description = "The contract's semantic version, on every answer; `info.version` of this document.",
            Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            Example = JsonValue.Create(ApiVersion.Current),
        });
        foreach (var response in (operation.Responses ?? []).Values.OfType<OpenApiResponse>())
        {
            response.Headers ??= new Dictionary<string, IOpenApiHeader>();
            response.Headers[ApiVersion.Header] = new OpenApiHeaderReference(ApiVersion.Header, document);
        }
    }
}
