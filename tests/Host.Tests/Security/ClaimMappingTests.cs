using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Participation.Host.Security;

namespace Participation.Host.Tests.Security;

/// <summary>The claim names of the providers municipalities use, read from tokens as the token handler presents them.</summary>
public sealed class ClaimMappingTests
{
    private static ClaimsPrincipal Token(Dictionary<string, object> claims)
    {
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Claims = claims, SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(new byte[32]), SecurityAlgorithms.HmacSha256),
        });
        return new ClaimsPrincipal(new ClaimsIdentity(new JsonWebToken(token).Claims, "test"));
    }

    [Fact]
    public void Entra_id_app_roles_tenant_id_and_object_id()
    {
        var mapping = new ClaimMapping { Tenant = "tid", Roles = "roles", User = "oid" };
        var token = Token(new()
        {
            ["tid"] = "72f988bf-86f1-41af-91ab-2d7cd011db47", ["oid"] = "00000000-0000-0000-66f3-3332eca7ea81", ["sub"] = "AAAAAAAAAAAAAAAAAAAAAIkzqFVrSaSaFHy782bbtaQ",
            ["roles"] = new[] { "caseworker", "auditor" }, ["role"] = "admin", ["tenant"] = "amsterdam",
        });

        var user = mapping.Map(token, out var problem)!;

        Assert.Null(problem);
        Assert.Equal("72f988bf-86f1-41af-91ab-2d7cd011db47", user.FindFirstValue(ClaimNames.Tenant));
        Assert.Equal("00000000-0000-0000-66f3-3332eca7ea81", user.UserName());
        Assert.Equal(["caseworker", "auditor"], user.FindAll(ClaimNames.Role).Select(c => c.Value));
        Assert.False(user.IsInRole("admin"));
    }

    [Fact]
    public void Keycloak_realm_roles_and_a_client_role_path()
    {
        var token = Token(new()
        {
            ["sub"] = "f1c2", ["preferred_username"] = "anna", ["municipality"] = "utrecht",
            ["realm_access"] = new Dictionary<string, object> { ["roles"] = new[] { "manager", "offline_access" } },
            ["resource_access"] = new Dictionary<string, object> { ["participation-api"] = new Dictionary<string, object> { ["roles"] = new[] { "admin" } } },
        });

        var realm = new ClaimMapping { Tenant = "municipality", Roles = "realm_access.roles", User = "preferred_username" }.Map(token, out _)!;
        var client = new ClaimMapping { Tenant = "municipality", Roles = "resource_access.participation-api.roles", User = "preferred_username" }.Map(token, out _)!;

        Assert.Equal(["manager", "offline_access"], realm.FindAll(ClaimNames.Role).Select(c => c.Value));
        Assert.Equal(["admin"], client.FindAll(ClaimNames.Role).Select(c => c.Value));
        Assert.Equal(("utrecht", "anna", "f1c2"), (realm.FindFirstValue(ClaimNames.Tenant), realm.UserName(), realm.FindFirstValue(ClaimNames.Subject)));
    }

    [Fact]
    public void The_user_falls_back_to_the_subject()
    {
        var user = new ClaimMapping { User = "preferred_username" }.Map(Token(new() { ["sub"] = "user-42", ["tenant"] = "delft" }), out _)!;

        Assert.Equal("user-42", user.UserName());
        Assert.Empty(user.FindAll(ClaimNames.Role));
    }

    [Theory]
    [InlineData("""{"sub": "anna"}""", "no tenant claim")]
    [InlineData("""{"sub": "anna", "tenant": ["delft", "leiden"]}""", "several tenants")]
    [InlineData("""{"tenant": "delft"}""", "names no user")]
    public void A_token_without_one_tenant_and_a_user_is_refused(string json, string reason)
    {
        var claims = System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, System.Text.Json.JsonElement>>(json)!
            .ToDictionary(c => c.Key, c => (object)c.Value);

        Assert.Null(new ClaimMapping().Map(Token(claims), out var problem));
        Assert.Contains(reason, problem);
    }
}
