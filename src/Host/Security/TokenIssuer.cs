using System.IdentityModel.Tokens.Jwt;
using System.Security.Claims;
using Microsoft.IdentityModel.Tokens;

namespace Participation.Host.Security;

/// <summary>Signs tokens the API accepts; used by the Development-only token endpoint and by tests.</summary>
public sealed class TokenIssuer(JwtSettings settings, TimeProvider clock)
{
    public string Issue(string name, string tenant, IEnumerable<string> roles, TimeSpan? lifetime = null)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var claims = new List<Claim> { new(ClaimNames.Subject, name), new(ClaimNames.Name, name), new(ClaimNames.Tenant, tenant) };
        claims.AddRange(roles.Select(role => new Claim(ClaimNames.Role, role)));
        var token = new JwtSecurityToken(settings.Issuer, settings.Audience, claims, now, now + (lifetime ?? TimeSpan.FromHours(8)),
            new SigningCredentials(settings.Key(), SecurityAlgorithms.HmacSha256));
        return new JwtSecurityTokenHandler().WriteToken(token);
    }
}
