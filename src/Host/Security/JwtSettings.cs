using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace Participation.Host.Security;

/// <summary>Bound from the <c>Auth</c> configuration section.</summary>
public sealed class JwtSettings
{
    public const string Section = "Auth";

    public string Issuer { get; set; } = "participation";
    public string Audience { get; set; } = "participation-api";

    /// <summary>HMAC-SHA256 key, at least 32 bytes. Development has one in appsettings.Development.json.</summary>
    public string SigningKey { get; set; } = "";

    public SymmetricSecurityKey Key()
    {
        var bytes = Encoding.UTF8.GetBytes(SigningKey);
        if (bytes.Length < 32)
            throw new InvalidOperationException("Auth:SigningKey must be configured with at least 32 bytes.");
        return new SymmetricSecurityKey(bytes);
    }
}
