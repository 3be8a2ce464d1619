namespace Participation.Host.Http;

/// <summary>
/// The contract's semantic version (NL API Design Rules): on every answer as <c>API-Version</c>, and the OpenAPI
/// document's <c>info.version</c>. Additions that break no client raise the minor version; a breaking change
/// would be a new major version under a route prefix of its own (<c>/api/v2</c> beside <see cref="VersionedRoutes.Root"/>).
/// </summary>
public static class ApiVersion
{
    public const string Header = "API-Version";
    public const string Current = "1.1.0";

    /// <summary>Set as the answer's headers go out, so error answers (written after a response was cleared) carry it too.</summary>
    public static IApplicationBuilder UseApiVersionHeader(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            context.Response.Headers[Header] = Current;
            return Task.CompletedTask;
        });
        return next(context);
    });
}
