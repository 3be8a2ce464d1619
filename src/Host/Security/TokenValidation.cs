using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Participation.Host.Security;

/// <summary>
/// How bearer tokens are validated (ADR 12). The standard section <c>Authentication:Schemes:Bearer</c> names the identity
/// provider (<c>Authority</c> or <c>MetadataAddress</c>, <c>ValidAudiences</c>, <c>ValidIssuer</c>, <c>RequireHttpsMetadata</c>);
/// its keys come from the provider's published key set, fetched again every <c>AutomaticRefreshInterval</c> and as soon as
/// a token names a key not in it (at most every <c>RefreshInterval</c>). <c>Auth:SigningKey</c>, when set, adds the shared
/// HMAC key of Development and tests. Whatever signed it, a token's claims are mapped by <see cref="ClaimMapping"/>.
/// </summary>
public static class TokenValidation
{
    private const string Scheme = JwtBearerDefaults.AuthenticationScheme;
    public const string ProviderSection = "Authentication:Schemes:" + Scheme;

    private static readonly string[] ProviderAlgorithms =
    [
        SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512, SecurityAlgorithms.RsaSsaPssSha256,
        SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.EcdsaSha384,
    ];

    public static void AddTokenValidation(this IServiceCollection services)
    {
        // A token signed with a key the provider has just published is then validated in the same request, once the key
        // set is fetched again, instead of being refused while a background fetch runs. The switch is process-wide and read
        // once, when the first JsonWebTokenHandler is made: here, before any is.
        AppContext.SetSwitch("Switch.Microsoft.IdentityModel.UpdateConfigAsBlocking", true);

        services.AddAuthentication(Scheme).AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(Scheme)
            .Configure<IOptions<JwtSettings>, IOptions<ClaimMapping>>((options, shared, claims) => Configure(options, shared.Value, claims.Value))
            .ValidateOnStart();
        // A key the provider no longer publishes is no longer accepted: no falling back to the previous key set.
        services.PostConfigure<JwtBearerOptions>(Scheme, options =>
        {
            if (options.ConfigurationManager is BaseConfigurationManager manager) manager.UseLastKnownGoodConfiguration = false;
        });
        services.AddSingleton<IValidateOptions<JwtBearerOptions>, ProviderValidation>();
    }

    private static void Configure(JwtBearerOptions options, JwtSettings shared, ClaimMapping claims)
    {
        options.MapInboundClaims = false;
        var parameters = options.TokenValidationParameters;
        parameters.NameClaimType = ClaimNames.Name;
        parameters.RoleClaimType = ClaimNames.Role;
        parameters.ClockSkew = TimeSpan.FromSeconds(30);
        var algorithms = new List<string>();
        if (!string.IsNullOrEmpty(options.Authority) || !string.IsNullOrEmpty(options.MetadataAddress)) algorithms.AddRange(ProviderAlgorithms);
        if (shared.HasSigningKey)
        {
            parameters.IssuerSigningKeys = [.. parameters.IssuerSigningKeys ?? [], shared.Key()];
            parameters.ValidIssuers = [.. parameters.ValidIssuers ?? [], shared.Issuer];
            parameters.ValidAudiences = [.. parameters.ValidAudiences ?? [], shared.Audience];
            algorithms.Add(SecurityAlgorithms.HmacSha256);
        }
        parameters.ValidAlgorithms = algorithms;
        options.Events = new JwtBearerEvents
        {
            // Every event records its tenant and actor, so a token without them is not a valid token here.
            OnTokenValidated = context =>
            {
                if (claims.Map(context.Principal!, out var problem) is { } mapped) context.Principal = mapped;
                else context.Fail(problem!);
                return Task.CompletedTask;
            },
        };
    }

    /// <summary>A Host that could not validate any token, or would refuse every token of its provider, does not start.</summary>
    private sealed class ProviderValidation(IConfiguration configuration) : IValidateOptions<JwtBearerOptions>
    {
        public ValidateOptionsResult Validate(string? name, JwtBearerOptions options)
        {
            if (name != Scheme) return ValidateOptionsResult.Skip;
            var provider = options.ConfigurationManager is not null;
            if (!provider && options.TokenValidationParameters.IssuerSigningKeys?.Any() != true)
                return ValidateOptionsResult.Fail(
                    $"No way to validate tokens: set {ProviderSection}:Authority (the identity provider, OpenID Connect) with " +
                    $"{ProviderSection}:ValidAudiences; Auth:SigningKey (a shared HMAC key) is meant for Development and tests.");
            var section = configuration.GetSection(ProviderSection);
            if (provider && !section.GetSection("ValidAudiences").GetChildren().Any() && string.IsNullOrEmpty(section["ValidAudience"]))
                return ValidateOptionsResult.Fail($"{ProviderSection}:ValidAudiences must name this API as the identity provider's tokens name it (their aud claim).");
            return ValidateOptionsResult.Success;
        }
    }
}
