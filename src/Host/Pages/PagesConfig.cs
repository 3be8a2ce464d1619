using Microsoft.Extensions.Options;
using Participation.Host.Security;

namespace Participation.Host.Pages;

/// <summary>
/// What the pages need to know before anyone signs in, served at <c>/app/config.json</c>: how to sign in, which token
/// claims name the user, tenant and roles (so they show what the API will answer), and the municipalities' names by
/// tenant (<c>Tenants:&lt;tenant&gt;:DisplayName</c>), which the pages show instead of the tenant's id. Nothing in it is secret.
/// </summary>
public sealed record PagesConfig(string SignIn, string? Authority, string? ClientId, string Scope, PagesClaims Claims,
    IReadOnlyDictionary<string, string> TenantNames)
{
    public const string TenantsSection = "Tenants";

    public static PagesConfig From(IHostEnvironment environment, IConfiguration configuration, PagesOptions pages, ClaimMapping claims)
    {
        var authority = pages.Authority ?? configuration[$"{TokenValidation.ProviderSection}:Authority"];
        var signIn = environment.IsDevelopment() ? "development"
            : !string.IsNullOrEmpty(authority) && !string.IsNullOrEmpty(pages.ClientId) ? "oidc"
            : "none";
        var tenantNames = configuration.GetSection(TenantsSection).GetChildren()
            .Where(tenant => !string.IsNullOrWhiteSpace(tenant["DisplayName"]))
            .ToDictionary(tenant => tenant.Key, tenant => tenant["DisplayName"]!.Trim(), StringComparer.Ordinal);
        return new PagesConfig(signIn, authority, pages.ClientId, pages.Scope, new PagesClaims(claims.User, claims.Tenant, claims.Roles), tenantNames);
    }
}

public sealed record PagesClaims(string User, string Tenant, string Roles);

public sealed class PagesConfigFactory(IHostEnvironment environment, IConfiguration configuration, IOptions<PagesOptions> pages, IOptions<ClaimMapping> claims)
{
    public PagesConfig Create() => PagesConfig.From(environment, configuration, pages.Value, claims.Value);
}
