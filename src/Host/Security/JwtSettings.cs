using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Participation.Host.Security;

/// <summary>
/// The shared-key tokens of Development and tests, bound from the <c>Auth</c> section: HMAC-SHA256 with
/// <c>Auth:SigningKey</c>, issued by <c>Auth:Issuer</c> for <c>Auth:Audience</c>. Production validates the tokens of the
/// identity provider instead (<c>Authentication:Schemes:Bearer</c>, ADR 12); a shared key is accepted there only if set.
/// </summary>
public sealed class JwtSettings
{
    public const string Section = "Auth";
    public const int MinimumKeyBytes = 32;

    public string Issuer { get; set; } = "participation";
    public string Audience { get; set; } = "participation-api";

    /// <summary>HMAC-SHA256 key, at least 32 bytes. Development has one in appsettings.Development.json.</summary>
    public string SigningKey { get; set; } = "";

    public bool HasSigningKey => SigningKey.Length > 0;

    public SymmetricSecurityKey Key()
    {
        var bytes = Encoding.UTF8.GetBytes(SigningKey);
        if (bytes.Length < MinimumKeyBytes)
            throw new InvalidOperationException($"Auth:SigningKey must be configured with at least {MinimumKeyBytes} bytes.");
        return new SymmetricSecurityKey(bytes);
    }
}

public sealed class JwtSettingsValidation : IValidateOptions<JwtSettings>
{
    public ValidateOptionsResult Validate(string? name, JwtSettings settings) =>
        settings.HasSigningKey && Encoding.UTF8.GetByteCount(settings.SigningKey) < JwtSettings.MinimumKeyBytes
            ? ValidateOptionsResult.Fail($"Auth:SigningKey must be at least {JwtSettings.MinimumKeyBytes} bytes.")
            : ValidateOptionsResult.Success;
}
