using Microsoft.Net.Http.Headers;

namespace Participation.Host.Http;

/// <summary>
/// Headers every answer gets: <c>X-Content-Type-Options: nosniff</c> (no browser guesses a JSON or CSV answer into
/// something it runs), <c>Cache-Control: no-store</c> on answers with personal data (<see cref="NoStoreEndpoint"/>), and
/// on the Swagger UI <c>Content-Security-Policy: frame-ancestors 'none'</c>, so no other site frames it.
/// </summary>
public static class ResponseHeaders
{
    private const string SwaggerUi = "/swagger";

    public static IApplicationBuilder UseResponseHeaders(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers[HeaderNames.XContentTypeOptions] = "nosniff";
            if (context.GetEndpoint()?.Metadata.GetMetadata<NoStoreEndpoint>() is not null) headers.CacheControl = "no-store";
            if (context.Request.Path.StartsWithSegments(SwaggerUi)) headers.ContentSecurityPolicy = "frame-ancestors 'none'";
            return Task.CompletedTask;
        });
        await next(context);
    });
}
