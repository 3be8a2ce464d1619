using System.Globalization;
using Microsoft.Net.Http.Headers;

namespace Participation.Host.Http;

/// <summary>
/// The major version in the URI (NL API Design Rules <c>/core/uri-version</c>, API.md 1.1): every route under
/// <c>/api</c> is served under <c>/api/v1</c> as well, by rewriting the path before routing, so a route added later
/// needs nothing of its own. The OpenAPI document describes the versioned routes only (<see cref="VersionedPathsDocumentFilter"/>);
/// an unversioned request is answered as before, plus <c>Deprecation</c> (RFC 9745) and a <c>Link</c> to its successor.
/// </summary>
public static class VersionedRoutes
{
    public const string Unversioned = "/api";
    public const string Root = "/api/v1";

    /// <summary>When the unversioned routes became deprecated: the release of API 1.1, which added the versioned ones.</summary>
    public static readonly DateTimeOffset DeprecatedSince = new(2026, 12, 7, 0, 0, 0, TimeSpan.Zero);

    /// <summary>RFC 9745's structured-field date: <c>@</c> and the Unix seconds.</summary>
    public static readonly string DeprecationHeader = "@" + DeprecatedSince.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    private static readonly object VersionedRequest = new();

    /// <summary>Before routing: <c>/api/v1/x</c> is served by the route of <c>/api/x</c>, and a <c>Location</c> it answers names the versioned route.</summary>
    public static IApplicationBuilder UseVersionedRoutes(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        if (context.Request.Path.StartsWithSegments(Root, out var rest))
        {
            context.Request.Path = new PathString(Unversioned).Add(rest);
            context.Items[VersionedRequest] = true;
            context.Response.OnStarting(() =>
            {
                if (RouteOf(context.Response.Headers.Location.ToString()) is { } route) context.Response.Headers.Location = Root + route;
                return Task.CompletedTask;
            });
        }
        return next(context);
    });

    /// <summary>
    /// After routing: a route the document describes, asked for without the version, is answered with
    /// <c>Deprecation</c> and <c>Link: &lt;/api/v1/…&gt;; rel="successor-version"</c>, errors and problems included. Decided
    /// before the endpoint runs, since an exception handler clears the endpoint before it writes its problem.
    /// </summary>
    public static IApplicationBuilder UseUnversionedRouteDeprecation(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        if (!context.Items.ContainsKey(VersionedRequest) && IsDescribedApiRoute(context.GetEndpoint()))
        {
            var successor = context.Request.PathBase + Root + RouteOf(context.Request.Path.Value!) + context.Request.QueryString;
            context.Response.OnStarting(() =>
            {
                context.Response.Headers["Deprecation"] = DeprecationHeader;
                context.Response.Headers.Append(HeaderNames.Link, $"<{successor}>; rel=\"successor-version\"");
                return Task.CompletedTask;
            });
        }
        return next(context);
    });

    /// <summary>
    /// An unversioned API path's route below the API's root (<c>/cases/1</c> of <c>/api/cases/1</c>), which the versioned
    /// root serves too; null for a path outside the API (or already versioned).
    /// </summary>
    public static string? RouteOf(string path)
    {
        if (!path.StartsWith('/')) return null;
        var unversioned = new PathString(path);
        return unversioned.StartsWithSegments(Unversioned, out var route) && !unversioned.StartsWithSegments(Root) ? route.Value : null;
    }

    private static bool IsDescribedApiRoute(Endpoint? endpoint) =>
        endpoint is RouteEndpoint { RoutePattern.RawText: { } route } && RouteOf("/" + route.TrimStart('/')) is not null
        && endpoint.Metadata.GetMetadata<IExcludeFromDescriptionMetadata>() is not { ExcludeFromDescription: true };
}
