using Microsoft.Extensions.Options;

namespace Participation.Host.Http;

/// <summary>
/// Where the API is reached from outside, path included (<c>https://gemeente.nl/participatie</c>). The setting keeps the
/// name of its first use, notifications' absolute <c>dataref</c>: <c>Notifications:PublicBaseUrl</c>.
/// </summary>
public sealed class PublicAddressOptions
{
    public const string Section = "Notifications";

    public Uri? PublicBaseUrl { get; set; }
}

public sealed class PublicAddressOptionsValidation : IValidateOptions<PublicAddressOptions>
{
    public ValidateOptionsResult Validate(string? name, PublicAddressOptions options) =>
        options.PublicBaseUrl is { IsAbsoluteUri: false } or { Scheme: not ("https" or "http") }
            ? ValidateOptionsResult.Fail($"{PublicAddressOptions.Section}:PublicBaseUrl must be an absolute http(s) URL, e.g. https://participation.example.nl.")
            : ValidateOptionsResult.Success;
}

/// <summary>
/// The addresses the API gives out: the versioned root (<see cref="VersionedRoutes.Root"/>) under the public base URL,
/// or as a path on the host that answers when none is configured.
/// </summary>
public sealed class ApiAddress(IOptions<PublicAddressOptions> options)
{
    /// <summary>The public base URL without a trailing slash, or empty: what a path on the site is appended to.</summary>
    private readonly string _site = options.Value.PublicBaseUrl?.AbsoluteUri.TrimEnd('/') ?? "";

    /// <summary>The site's root: the public base URL, or <c>/</c>.</summary>
    public string Site => _site.Length == 0 ? "/" : _site;

    /// <summary>The versioned root: <c>https://gemeente.nl/participatie/api/v1</c>, or <c>/api/v1</c>.</summary>
    public string VersionedRoot => _site + VersionedRoutes.Root;

    /// <summary>A route of the API by its path under the versioned root, e.g. <c>/cases/</c>.</summary>
    public string Of(string path) => VersionedRoot + path;
}
