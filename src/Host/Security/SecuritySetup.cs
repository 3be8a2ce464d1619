using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;
using Wolverine.Http;

namespace Participation.Host.Security;

public static class SecuritySetup
{
    /// <summary>JWT bearer tokens and the role policies of API.md.</summary>
    public static IServiceCollection AddSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = configuration.GetSection(JwtSettings.Section).Get<JwtSettings>() ?? new JwtSettings();
        services.AddSingleton(settings);
        services.AddSingleton<TokenIssuer>();

        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(options =>
            {
                options.MapInboundClaims = false;
                options.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = settings.Issuer,
                    ValidAudience = settings.Audience,
                    IssuerSigningKey = settings.Key(),
                    ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
                    NameClaimType = ClaimNames.Name,
                    RoleClaimType = ClaimNames.Role,
                    ClockSkew = TimeSpan.FromSeconds(30),
                };
                options.Events = new JwtBearerEvents
                {
                    // Every event records its tenant and actor, so a token without them is not a valid token here.
                    OnTokenValidated = context =>
                    {
                        var user = context.Principal!;
                        if (string.IsNullOrWhiteSpace(user.FindFirst(ClaimNames.Tenant)?.Value))
                            context.Fail("The token has no tenant claim.");
                        else if (user.FindFirst(ClaimNames.Name) is null && user.FindFirst(ClaimNames.Subject) is null)
                            context.Fail("The token names no user (sub or name).");
                        return Task.CompletedTask;
                    },
                };
            });

        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.WriteCases, p => p.RequireRole(Roles.Caseworker, Roles.Admin))
            .AddPolicy(Policies.ReadCases, p => p.RequireRole(Roles.All))
            .AddPolicy(Policies.TrackProgress, p => p.RequireRole(Roles.Manager, Roles.Auditor, Roles.Admin))
            .AddPolicy(Policies.Audit, p => p.RequireRole(Roles.Auditor, Roles.Admin))
            .AddPolicy(Policies.Administer, p => p.RequireRole(Roles.Admin));
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
