using System.Security.Claims;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Participation.Host.Security;

/// <summary>
/// Which claims of the identity provider's tokens name the tenant, the roles and the user (section <c>Auth:Claims</c>);
/// providers name them differently. A name with dots that is not itself a claim is a path into a JSON claim:
/// Keycloak's realm roles are <c>realm_access.roles</c>. The user falls back to <c>sub</c> when the named claim is missing.
/// </summary>
public sealed class ClaimMapping
{
    public const string Section = "Auth:Claims";

    public string Tenant { get; set; } = ClaimNames.Tenant;
    public string Roles { get; set; } = ClaimNames.Role;
    public string User { get; set; } = ClaimNames.Name;

    /// <summary>
    /// The identity the API works with, holding only <c>tenant</c>, <c>name</c> (the user), <c>sub</c> and <c>role</c>:
    /// no claim of the token acts under one of these names unless the mapping says so. Null, with the reason, when the
    /// token names no tenant, several, or no user.
    /// </summary>
    public ClaimsPrincipal? Map(ClaimsPrincipal token, out string? problem)
    {
        problem = null;
        var tenants = Values(token, Tenant).Select(t => t.Trim()).Where(t => t.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        var subject = token.FindFirst(ClaimNames.Subject)?.Value;
        var user = Values(token, User).FirstOrDefault(u => !string.IsNullOrWhiteSpace(u)) ?? subject;
        if (tenants.Count != 1) problem = tenants.Count == 0 ? $"The token has no tenant claim ({Tenant})." : $"The token names several tenants ({Tenant}).";
        else if (string.IsNullOrWhiteSpace(user)) problem = $"The token names no user ({User} or sub).";
        if (problem is not null) return null;

        var claims = new List<Claim> { new(ClaimNames.Tenant, tenants[0]), new(ClaimNames.Name, user!) };
        if (subject is not null) claims.Add(new Claim(ClaimNames.Subject, subject));
        claims.AddRange(Values(token, Roles).Distinct(StringComparer.Ordinal).Select(role => new Claim(ClaimNames.Role, role)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, JwtBearerDefaults.AuthenticationScheme, ClaimNames.Name, ClaimNames.Role));
    }

    private static IEnumerable<string> Values(ClaimsPrincipal token, string name)
    {
        var direct = token.FindAll(name).ToList();
        if (direct.Count > 0) return direct.SelectMany(ValuesOf);
        var dot = name.IndexOf('.');
        if (dot <= 0) return [];
        var path = name[(dot + 1)..].Split('.');
        return token.FindAll(name[..dot]).SelectMany(claim => At(Parse(claim.Value), path));
    }

    // An array claim arrives as one claim per element; an element that is itself JSON arrives as its text.
    private static IEnumerable<string> ValuesOf(Claim claim) =>
        claim.ValueType is JsonClaimValueTypes.JsonArray or JsonClaimValueTypes.Json ? At(Parse(claim.Value), []) : [claim.Value];

    private static IEnumerable<string> At(JsonNode? node, IReadOnlyList<string> path)
    {
        foreach (var segment in path) node = node is JsonObject obj ? obj[segment] : null;
        return node switch
        {
            JsonArray array => array.OfType<JsonValue>().Select(v => v.TryGetValue<string>(out var s) ? s : null).OfType<string>(),
            JsonValue value when value.TryGetValue<string>(out var s) => [s],
            _ => [],
        };
    }

    private static JsonNode? Parse(string json)
    {
        try { return JsonNode.Parse(json); }
        catch (System.Text.Json.JsonException) { return null; }
    }
}

public sealed class ClaimMappingValidation : IValidateOptions<ClaimMapping>
{
    public ValidateOptionsResult Validate(string? name, ClaimMapping mapping)
    {
        var blank = new[] { ("Tenant", mapping.Tenant), ("Roles", mapping.Roles), ("User", mapping.User) }
            .Where(c => string.IsNullOrWhiteSpace(c.Item2)).Select(c => $"Auth:Claims:{c.Item1} must name a claim of the identity provider's tokens.").ToList();
        return blank.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(blank);
    }
}
