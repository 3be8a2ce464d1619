using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.OpenApi;
using Wolverine.Http;

namespace Participation.Host.Http;

public static class OpenApiSetup
{
    public static IServiceCollection AddParticipationOpenApi(this IServiceCollection services)
    {
        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(options =>
        {
            options.SwaggerDoc("v1", new OpenApiInfo
            {
                Title = "Participation API",
                Version = "v1",
                Description = "Citizen-participation cases as event streams. Errors are RFC 9457 problem details; " +
                              "rule violations (409) carry a stable `code`. Commands accept `If-Match: \"{version}\"` (412 on mismatch) " +
                              "and `Idempotency-Key` (a retry with the same key and body returns the first answer).",
            });
            options.CustomSchemaIds(type => type.FullName!.Replace("Participation.", "").Replace('+', '.'));
            options.AddSecurityDefinition("bearer", new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http, Scheme = "bearer", BearerFormat = "JWT",
                Description = "A JWT with claims `name`/`sub`, `tenant` and `role`. In Development, POST /dev/tokens issues one.",
            });
            options.AddSecurityRequirement(document => new OpenApiSecurityRequirement
            {
                [new OpenApiSecuritySchemeReference("bearer", document)] = [],
            });
            options.TagActionsBy(api => [Capability(api)]);
            options.OperationFilter<ProblemResponsesOperationFilter>();
        });
        return services;
    }

    /// <summary>Operations are grouped by the capability folder their endpoint lives in; case commands apart from case reads.</summary>
    private static string Capability(ApiDescription api)
    {
        var handler = api.ActionDescriptor.EndpointMetadata.OfType<HttpChain>().FirstOrDefault()?.Method.HandlerType;
        var capability = handler?.Namespace?.Split('.').ElementAtOrDefault(2);
        return capability switch
        {
            null => "Development",
            "Cases" when api.HttpMethod == "POST" => "Case commands",
            _ => capability,
        };
    }
}
