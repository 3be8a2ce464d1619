using System.IO.Compression;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;

namespace Participation.Host.Pages;

/// <summary>
/// The pages for programme managers and auditors (src/Pages, ADR 19), served under <c>/app/</c> from the <c>pages</c>
/// folder beside the Host's assembly, where the build puts them. They are clients of the public API like any other;
/// the only thing served here for them alone is their public configuration.
/// </summary>
public static class PagesSetup
{
    public const string BasePath = "/app";
    private const string IndexFile = "index.html";

    public static IServiceCollection AddPages(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PagesOptions>().Bind(configuration.GetSection(PagesOptions.Section));
        services.AddSingleton<PagesConfigFactory>();
        // Only for the pages' own files (the branch below): scripts and styles go out compressed, API answers stay as they were.
        services.AddResponseCompression(o =>
        {
            o.EnableForHttps = true; // static files and a public configuration: no secret to leak through compressed sizes
            o.Providers.Add<BrotliCompressionProvider>();
            o.Providers.Add<GzipCompressionProvider>();
            o.MimeTypes = ["text/html", "text/css", "text/javascript", "application/javascript", "application/json", "image/svg+xml"];
        });
        services.Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Optimal);
        services.Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Optimal);
        return services;
    }

    public static IApplicationBuilder UsePages(this IApplicationBuilder app)
    {
        var files = new PhysicalFileProvider(System.IO.Path.Combine(AppContext.BaseDirectory, "pages"));
        app.Map(BasePath, pages =>
        {
            pages.UseResponseCompression();
            pages.Use(async (http, next) =>
            {
                if (http.Request.Path == PathString.Empty)
                {
                    http.Response.Redirect($"{BasePath}/{http.Request.QueryString}");
                    return;
                }
                http.Response.OnStarting(() => SecurityHeaders(http));
                await next(http);
            });
            pages.UseStaticFiles(new StaticFileOptions { FileProvider = files, OnPrepareResponse = Caching });
            pages.Run(async http =>
            {
                if (!HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method))
                {
                    http.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
                    return;
                }
                if (http.Request.Path == "/config.json")
                {
                    http.Response.Headers.CacheControl = "no-cache";
                    await http.Response.WriteAsJsonAsync(http.RequestServices.GetRequiredService<PagesConfigFactory>().Create(), http.RequestAborted);
                    return;
                }
                // Every other address is one of the pages' routes (/app/cases/{id}, …): the page itself decides what it shows.
                var index = files.GetFileInfo(IndexFile);
                if (!index.Exists || System.IO.Path.HasExtension(http.Request.Path.Value))
                {
                    http.Response.StatusCode = StatusCodes.Status404NotFound;
                    return;
                }
                http.Response.ContentType = "text/html; charset=utf-8";
                http.Response.Headers.CacheControl = "no-cache";
                await http.Response.SendFileAsync(index, http.RequestAborted);
            });
        });
        return app;
    }

    // The build names scripts, styles and fonts after their content, so they never change under one name; the page
    // itself is asked for again each time, so a new deployment is picked up at once.
    private static void Caching(StaticFileResponseContext context) =>
        context.Context.Response.Headers.CacheControl = context.Context.Request.Path.StartsWithSegments("/assets")
            ? "public, max-age=31536000, immutable"
            : "no-cache";

    /// <summary>Only the pages' own scripts run, only the Host and the identity provider are called, and no other site frames them.</summary>
    private static Task SecurityHeaders(HttpContext http)
    {
        var provider = http.RequestServices.GetRequiredService<PagesConfigFactory>().Create().Authority is { } authority
                       && Uri.TryCreate(authority, UriKind.Absolute, out var uri) ? $" {uri.GetLeftPart(UriPartial.Authority)}" : "";
        var headers = http.Response.Headers;
        headers.ContentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
                                        $"font-src 'self'; connect-src 'self'{provider}; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";
        headers["Referrer-Policy"] = "no-referrer";
        return Task.CompletedTask;
    }
}
