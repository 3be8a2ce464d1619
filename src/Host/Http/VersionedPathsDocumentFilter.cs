using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Participation.Host.Http;

/// <summary>
/// The document describes the versioned routes (<see cref="VersionedRoutes"/>): one server, the versioned root
/// (<c>/api/v1</c>, under <c>Notifications:PublicBaseUrl</c> when set), and every API path relative to it
/// (<c>/cases/{caseId}</c>). A route outside the API (Development's token route in Swagger UI) keeps its own path
/// under a server of its own, the site's root.
/// </summary>
public sealed class VersionedPathsDocumentFilter(ApiAddress address) : IDocumentFilter
{
    public void Apply(OpenApiDocument document, DocumentFilterContext context)
    {
        document.Servers = [new OpenApiServer { Url = address.VersionedRoot, Description = "Version 1 of the API" }];
        var paths = new OpenApiPaths();
        foreach (var (path, item) in document.Paths)
        {
            if (VersionedRoutes.RouteOf(path) is { } route)
            {
                paths.Add(route, item);
                continue;
            }
            if (item is OpenApiPathItem outside) outside.Servers = [new OpenApiServer { Url = address.Site }];
            paths.Add(path, item);
        }
        document.Paths = paths;
    }
}
