using Microsoft.Extensions.Options;
using Wolverine.Http;

namespace Participation.Host.Security;

public static class SecuritySetup
{
    /// <summary>Bearer tokens (the identity provider's, or the shared key of Development and tests), their claims, and the role policies of API.md.</summary>
    public static IServiceCollection AddSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<JwtSettings>().Bind(configuration.GetSection(JwtSettings.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<JwtSettings>, JwtSettingsValidation>();
        services.AddSingleton(provider => provider.GetRequiredService<IOptions<JwtSettings>>().Value);
        services.AddOptions<ClaimMapping>().Bind(configuration.GetSection(ClaimMapping.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ClaimMapping>, ClaimMappingValidation>();
        services.AddSingleton<TokenIssuer>();
        services.AddTokenValidation();

        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.WriteCases, p => p.RequireRole(Roles.Caseworker, Roles.Admin))
            .AddPolicy(Policies.ReadCases, p => p.RequireRole(Roles.All))
            .AddPolicy(Policies.TrackProgress, p => p.RequireRole(Roles.Manager, Roles.Auditor, Roles.Admin))
            .AddPolicy(Policies.Audit, p => p.RequireRole(Roles.Auditor, Roles.Admin))
            .AddPolicy(Policies.Administer, p => p.RequireRole(Roles.Admin))
            .AddPolicy(Policies.ReadNetworks, p => p.RequireRole(Roles.All))
            .AddPolicy(Policies.WriteNetworks, p => p.RequireRole(Roles.Caseworker, Roles.Manager, Roles.Admin))
            .AddPolicy(Policies.ManageNetworks, p => p.RequireRole(Roles.Manager, Roles.Admin))
            .AddPolicy(Policies.ReadWorklist, p => p.RequireRole(Roles.Caseworker, Roles.Manager, Roles.Admin));
        return services;
    }

    public static IApplicationBuilder UseSecurity(this IApplicationBuilder app) => app.UseAuthentication().UseAuthorization();

    /// <summary>Every endpoint needs a token, and its <c>tenant</c> claim names the tenant it works in.</summary>
    public static WolverineHttpOptions RequireTenantTokens(this WolverineHttpOptions options)
    {
        options.TenantId.IsClaimTypeNamed(ClaimNames.Tenant);
        options.RequireAuthorizeOnAll();
        return options;
    }
}
