using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.Swagger;
using Wolverine.Http;

namespace Participation.Host.Http;

public static class OpenApiSetup
{
    public const string DocumentName = "v1";
    public const string StablePath = "/api/openapi.json";

    public static IServiceCollection AddParticipationOpenApi(this IServiceCollection services, IConfiguration configuration)
    {
        var contact = configuration.GetSection(ApiContact.Section).Get<ApiContact>() ?? new ApiContact();
        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(options =>
        {
            options.SwaggerDoc(DocumentName, new OpenApiInfo
            {
                Title = "Participation API",
                Version = ApiVersion.Current,
                Contact = contact.ToOpenApi(),
                License = new OpenApiLicense { Name = "EUPL-1.2", Url = new Uri("https://interoperable-europe.ec.europa.eu/collection/eupl/eupl-text-eupl-12") },
                Description = "Citizen-participation cases as event streams. Errors are RFC 9457 problem details; " +
                              "rule violations (409) carry a stable `code`. Commands accept `If-Match: \"{version}\"` (412 on mismatch) " +
                              "and `Idempotency-Key` (a retry with the same key and body returns the first answer).",
            });
            options.CustomSchemaIds(SchemaId);
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
            // The endpoints' own XML documentation (summaries and remarks of the endpoint methods and the request records).
            options.IncludeXmlComments(typeof(OpenApiSetup).Assembly);
            options.OperationFilter<EndpointSummaryOperationFilter>();
            options.OperationFilter<RequestExamplesOperationFilter>();
            options.OperationFilter<ApiVersionHeaderOperationFilter>();
            options.DocumentFilter<VersionedPathsDocumentFilter>();
        });
        return services;
    }

    /// <summary>
    /// The same OpenAPI document at a stable address a developer portal can read, from any origin (the document
    /// holds nothing a visitor could not see in Swagger UI).
    /// </summary>
    public static IEndpointRouteBuilder MapStableOpenApiDocument(this IEndpointRouteBuilder app)
    {
        app.MapGet(StablePath, async (HttpContext http, ISwaggerProvider swagger) =>
            {
                http.Response.Headers.AccessControlAllowOrigin = "*";
                http.Response.ContentType = "application/json; charset=utf-8";
                await http.Response.WriteAsync(await Document(swagger), http.RequestAborted);
            })
            .AllowAnonymous()
            .ExcludeFromDescription();
        return app;
    }

    /// <summary>
    /// The OpenAPI document as JSON, without the routes of the Development environment: what <see cref="StablePath"/>
    /// serves and <c>docs/openapi.json</c> holds (Swagger UI still shows those routes in Development).
    /// </summary>
    public static Task<string> Document(ISwaggerProvider swagger)
    {
        var document = swagger.GetSwagger(DocumentName);
        foreach (var path in document.Paths.Where(p => p.Value.Operations!.Values.All(o => o.Tags?.Any(t => t.Name == DevelopmentTag) == true)).ToList())
            document.Paths.Remove(path.Key);
        return document.SerializeAsJsonAsync(OpenApiSpecVersion.OpenApi3_0);
    }

    public const string DevelopmentTag = "Development";

    /// <summary>
    /// A schema's id is its type's name, UpperCamelCase without namespace (NL API Design Rules); a nested type's starts
    /// with its declaring type's, a generic type's ends with its arguments'. Swashbuckle refuses a second type with an id
    /// already taken, so a clash stops the document rather than mixing two schemas up.
    /// </summary>
    public static string SchemaId(Type type)
    {
        var name = type.IsGenericType ? type.Name[..type.Name.IndexOf('`')] + string.Concat(type.GetGenericArguments().Select(SchemaId)) : type.Name;
        return type.IsNested ? SchemaId(type.DeclaringType!) + name : name;
    }

    /// <summary>Operations are grouped by the capability folder their endpoint lives in; case commands apart from case reads.</summary>
    private static string Capability(ApiDescription api)
    {
        var handler = api.ActionDescriptor.EndpointMetadata.OfType<HttpChain>().FirstOrDefault()?.Method.HandlerType;
        var capability = handler?.Namespace?.Split('.').ElementAtOrDefault(2);
        return capability switch
        {
            null => DevelopmentTag,
            "Cases" when api.HttpMethod == "POST" => "Case commands",
            _ => capability,
        };
    }
}

/// <summary>
/// Who integrators contact about the API (<c>info.contact</c> of the document; the NL API Design Rules ask for name, e-mail
/// and URL): the municipality's own service desk, section <c>OpenApi:Contact</c>.
/// </summary>
public sealed class ApiContact
{
    public const string Section = "OpenApi:Contact";

    public string Name { get; set; } = "Participation API";
    public string Email { get; set; } = "api@participation.example";
    public Uri Url { get; set; } = new("https://participation.example/contact");

    public OpenApiContact ToOpenApi() => new() { Name = Name, Email = Email, Url = Url };
}
