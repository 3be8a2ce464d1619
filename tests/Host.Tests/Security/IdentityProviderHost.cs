using Alba;
using JasperFx.CommandLine;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Hosting;
using Participation.Host.Tests.Operations;
using Participation.Host.Tests.Support;
using Participation.IdentityProvider;

namespace Participation.Host.Tests.Security;

/// <summary>
/// The Host in Production with tokens from an OpenID Connect provider only (no shared key), its claims named as a
/// Keycloak realm names them: the tenant in <c>municipality</c>, the user in <c>preferred_username</c>, the roles in
/// <c>realm_access.roles</c>.
/// </summary>
public static class IdentityProviderHost
{
    public static async Task<IAlbaHost> StartAsync(LoopbackIdentityProvider provider, string schema)
    {
        // See ProductionHostFixture: this schema's node rows of an interrupted run must not look alive.
        await Sql.ExecuteAsync($"do $$ begin if to_regclass('{schema}.wolverine_nodes') is not null then delete from {schema}.wolverine_nodes; end if; end $$");
        JasperFxEnvironment.AutoStartHost = true;
        return await AlbaHost.For<Program>(builder =>
        {
            builder.UseEnvironment(Environments.Production);
            builder.UseSetting("ConnectionStrings:Marten", TestDatabase.ConnectionString);
            builder.UseSetting("Marten:Schema", schema);
            builder.UseSetting("Marten:Daemon", "Disabled");
            builder.UseSetting("Authentication:Schemes:Bearer:Authority", provider.Authority);
            builder.UseSetting("Authentication:Schemes:Bearer:RequireHttpsMetadata", "false");
            builder.UseSetting("Authentication:Schemes:Bearer:ValidAudiences:0", provider.Audience);
            builder.UseSetting("Auth:Claims:Tenant", "municipality");
            builder.UseSetting("Auth:Claims:User", "preferred_username");
            builder.UseSetting("Auth:Claims:Roles", "realm_access.roles");
            builder.UseSetting("Audit:SealKey", "identity-provider-test-seal-key-0123456789-abcdefghijklmnop");
            builder.UseSetting("Privacy:MasterKey", ProductionHostFixture.MasterKey);
        });
    }

    /// <summary>The claims a Keycloak realm would put in the token of <paramref name="user"/>.</summary>
    public static Dictionary<string, object> Claims(string user, string tenant, params string[] roles) => new()
    {
        ["sub"] = Guid.NewGuid().ToString(),
        ["preferred_username"] = user,
        ["municipality"] = tenant,
        ["realm_access"] = new Dictionary<string, object> { ["roles"] = roles },
    };
}
