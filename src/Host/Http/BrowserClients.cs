using Microsoft.Extensions.Options;

namespace Participation.Host.Http;

/// <summary>The browser applications allowed to call the API from their own origin (section <c>Cors</c>); none by default.</summary>
public sealed class CorsOptions
{
    public const string Section = "Cors";

    /// <summary>Origins such as <c>https://wijkteam.gemeente.nl</c>, exactly as the browser sends them.</summary>
    public string[] AllowedOrigins { get; set; } = [];
}

public sealed class CorsOptionsValidation : IValidateOptions<CorsOptions>
{
    public ValidateOptionsResult Validate(string? name, CorsOptions options)
    {
        var wrong = options.AllowedOrigins.Select((origin, i) => (origin, i))
            .Where(o => !Uri.TryCreate(o.origin, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http") || uri.PathAndQuery != "/" || o.origin.EndsWith('/'))
            .Select(o => $"Cors:AllowedOrigins:{o.i} must be an origin: scheme, host and port only, e.g. https://wijkteam.gemeente.nl.").ToList();
        return wrong.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(wrong);
    }
}

/// <summary>
/// CORS for browser clients on other origins: closed unless <c>Cors:AllowedOrigins</c> names them. Tokens travel in the
/// <c>Authorization</c> header, never in cookies, so credentials are not allowed.
/// </summary>
public static class BrowserClients
{
    public static IServiceCollection AddBrowserClients(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CorsOptions>().Bind(configuration.GetSection(CorsOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<CorsOptions>, CorsOptionsValidation>();
        services.AddCors();
        services.AddOptions<Microsoft.AspNetCore.Cors.Infrastructure.CorsOptions>().Configure<IOptions<CorsOptions>>((cors, allowed) =>
        {
            if (allowed.Value.AllowedOrigins.Length == 0) return;
            cors.AddDefaultPolicy(policy => policy.WithOrigins(allowed.Value.AllowedOrigins)
                .WithMethods(HttpMethods.Get, HttpMethods.Post, HttpMethods.Delete)
                .WithHeaders("Authorization", "Content-Type", "If-Match", Idempotency.Header, "X-Correlation-Id")
                .WithExposedHeaders("ETag", "Location", "Retry-After", "Content-Disposition", ApiVersion.Header, "Deprecation", "Link")
                .SetPreflightMaxAge(TimeSpan.FromHours(1)));
        });
        return services;
    }
}
