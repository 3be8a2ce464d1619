using Microsoft.AspNetCore.Mvc;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Participation.Host.Http;

/// <summary>
/// Documents the problem responses every /api route can give, and, from the endpoint's metadata, the
/// headers and answers of idempotent and versioned writes.
/// </summary>
public sealed class ProblemResponsesOperationFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        // Wolverine fills the description with its generated endpoint name; the summary says more.
        if (operation.Description?.StartsWith(context.ApiDescription.HttpMethod + "_", StringComparison.Ordinal) == true)
            operation.Description = null;

        // Wolverine lists 204 for every endpoint that writes its own body (a Task); one that declares a 200 body never answers 204.
        if (operation.Responses?.ContainsKey("200") == true) operation.Responses.Remove("204");

        var path = "/" + context.ApiDescription.RelativePath;
        if (!path.StartsWith("/api", StringComparison.Ordinal)) return;

        var problem = context.SchemaGenerator.GenerateSchema(typeof(ProblemDetails), context.SchemaRepository);
        var validation = context.SchemaGenerator.GenerateSchema(typeof(HttpValidationProblemDetails), context.SchemaRepository);
        var metadata = context.ApiDescription.ActionDescriptor.EndpointMetadata;
        operation.Responses ??= new OpenApiResponses();

        Add(operation, "401", "No token, or an invalid one", problem);
        Add(operation, "403", "The token's roles do not allow this call", problem);
        if (path.Contains("{", StringComparison.Ordinal)) Add(operation, "404", "Unknown case (or another tenant's)", problem);
        Add(operation, "400", "Malformed or invalid input; `errors` lists each field", validation);
        if (metadata.OfType<VersionedWriteEndpoint>().Any())
        {
            Add(operation, "409", "The command breaks a rule of the case (`code` says which) or raced another command", problem);
            Add(operation, "412", "If-Match names a version that is not the case's current version", problem);
            Header(operation, "If-Match", "Expected current version of the case, as \"{version}\".");
        }
        Add(operation, "429", "Too many requests of this user or tenant; retry after `Retry-After` seconds", problem, retryAfter: true);
        Add(operation, "503", "The database cannot be reached right now; nothing was changed, retry after `Retry-After` seconds", problem, retryAfter: true);
        if (metadata.OfType<IdempotentEndpoint>().Any())
            Header(operation, Idempotency.Header, "A retry with the same key and body returns the first answer without applying the command twice.");
    }

    private static void Header(OpenApiOperation operation, string name, string description)
    {
        operation.Parameters ??= [];
        operation.Parameters.Add(new OpenApiParameter
        {
            Name = name, In = ParameterLocation.Header, Required = false, Description = description,
            Schema = new OpenApiSchema { Type = JsonSchemaType.String },
        });
    }

    private static void Add(OpenApiOperation operation, string status, string description, IOpenApiSchema schema, bool retryAfter = false)
    {
        if (operation.Responses!.ContainsKey(status)) return;
        operation.Responses[status] = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, IOpenApiMediaType> { ["application/problem+json"] = new OpenApiMediaType { Schema = schema } },
            Headers = retryAfter
                ? new Dictionary<string, IOpenApiHeader>
                {
                    ["Retry-After"] = new OpenApiHeader { Description = "Seconds to wait before retrying.", Schema = new OpenApiSchema { Type = JsonSchemaType.Integer } },
                }
                : null,
        };
    }
}
