using Alba;
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
        return await TestHost.StartAsync(Environments.Production, schema,
            ("Marten:Daemon", "Disabled"),
            ("Authentication:Schemes:Bearer:Authority", provider.Authority),
            ("Authentication:Schemes:Bearer:RequireHttpsMetadata", "false"),
            ("Authentication:Schemes:Bearer:ValidAudiences:0", provider.Audience),
            ("Auth:Claims:Tenant", "municipality"),
            ("Auth:Claims:User", "preferred_username"),
            ("Auth:Claims:Roles", "realm_access.roles"),
            ("Audit:SealKey", "identity-provider-test-seal-key-0123456789-abcdefghijklmnop"),
            ("Privacy:MasterKey", ProductionHostFixture.MasterKey));
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
