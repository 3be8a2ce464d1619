using Microsoft.OpenApi;

namespace Participation.Host.Infrastructure;

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
            options.TagActionsBy(api => [Area(api.HttpMethod, "/" + api.RelativePath)]);
            options.OperationFilter<ProblemResponsesOperationFilter>();
        });
        return services;
    }

    private static string Area(string? method, string path) => path switch
    {
        _ when path.StartsWith("/api/audit", StringComparison.Ordinal) => "Audit log",
        _ when path.EndsWith("/history", StringComparison.Ordinal) || path.EndsWith("/state", StringComparison.Ordinal)
            || path.EndsWith("/verify", StringComparison.Ordinal) => "Case history",
        "/api/dashboard" or "/api/networks" or "/api/cases/export.csv" => "Progress",
        _ when path.StartsWith("/api/cases", StringComparison.Ordinal) => method == "POST" ? "Case commands" : "Cases",
        _ => "Development",
    };
}
