using System.IdentityModel.Tokens.Jwt;
using System.Security.Claims;
using System.Text;
using Microsoft.IdentityModel.Tokens;
using Participation.Host.Security;

namespace Participation.Host.Tests.Support;

/// <summary>Hand-made JWTs, for the tokens <see cref="TokenIssuer"/> will not make (expired, foreign key, claims missing).</summary>
public static class Tokens
{
    public const string Issuer = "participation";
    public const string Audience = "participation-api";

    public static SecurityKey HostKey(IServiceProvider services) => services.GetRequiredService<JwtSettings>().Key();

    public static SecurityKey ForeignKey() => new SymmetricSecurityKey(Encoding.UTF8.GetBytes("another-signing-key-that-the-api-does-not-know-0123456789"));

    public static string Sign(SecurityKey key, IEnumerable<Claim> claims, DateTime? notBefore = null, DateTime? expires = null,
        string issuer = Issuer, string audience = Audience, string algorithm = SecurityAlgorithms.HmacSha256)
    {
        var now = DateTime.UtcNow;
        var token = new JwtSecurityToken(issuer, audience, claims, notBefore ?? now.AddMinutes(-1), expires ?? now.AddHours(1),
            new SigningCredentials(key, algorithm));
        return new JwtSecurityTokenHandler().WriteToken(token);
    }

    public static Claim[] Claims(string? name = "anna", string? tenant = "amsterdam", params string[] roles)
    {
        var claims = new List<Claim>();
        if (name is not null) claims.AddRange([new(ClaimNames.Subject, name), new(ClaimNames.Name, name)]);
        if (tenant is not null) claims.Add(new(ClaimNames.Tenant, tenant));
        claims.AddRange(roles.Select(role => new Claim(ClaimNames.Role, role)));
        return claims.ToArray();
    }
}
