using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Participation.IdentityProvider;

/// <summary>
/// A stand-in for a municipality's OpenID Connect provider, on loopback: it publishes a discovery document and a key
/// set (RS256 keys, several at once if asked), signs tokens with its newest key, and rotates keys as a real provider
/// does. The tests start it in-process; <c>dotnet run --project tests/IdentityProvider</c> runs it by hand.
/// </summary>
public sealed class LoopbackIdentityProvider : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly List<RsaSecurityKey> _keys = [];
    private readonly Lock _lock = new();

    private LoopbackIdentityProvider(WebApplication app, string audience)
    {
        _app = app;
        Audience = audience;
        AddKey();
    }

    public string Audience { get; }

    /// <summary>The issuer, as the discovery document and every token name it (the Host's <c>Authority</c>).</summary>
    public string Authority => _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');

    /// <summary>The ids of the keys published now, the signing one last.</summary>
    public IReadOnlyList<string> KeyIds
    {
        get { lock (_lock) return _keys.Select(k => k.KeyId).ToList(); }
    }

    public static async Task<LoopbackIdentityProvider> StartAsync(string url = "http://127.0.0.1:0", string audience = "participation-api")
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(url);
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var provider = new LoopbackIdentityProvider(app, audience);
        app.MapGet("/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = provider.Authority,
            ["jwks_uri"] = provider.Authority + "/jwks",
            ["token_endpoint"] = provider.Authority + "/token",
            ["id_token_signing_alg_values_supported"] = new[] { SecurityAlgorithms.RsaSha256 },
        }));
        app.MapGet("/jwks", () => Results.Json(new { keys = provider.PublishedKeys() }));
        // By hand: POST the claims you want as a JSON object; iss, aud, iat and exp are added.
        app.MapPost("/token", (Dictionary<string, JsonElement> claims) =>
            Results.Json(new { access_token = provider.Issue(claims.ToDictionary(c => c.Key, c => (object)c.Value)), token_type = "Bearer" }));
        await app.StartAsync();
        return provider;
    }

    /// <summary>Publishes a new key beside the others; tokens are signed with it from now on.</summary>
    public string AddKey()
    {
        var key = new RsaSecurityKey(RSA.Create(2048)) { KeyId = Guid.NewGuid().ToString("N")[..16] };
        lock (_lock) _keys.Add(key);
        return key.KeyId;
    }

    /// <summary>Stops publishing a key: tokens it signed are no longer valid.</summary>
    public void DropKey(string keyId)
    {
        lock (_lock) _keys.RemoveAll(k => k.KeyId == keyId);
    }

    /// <summary>
    /// A token with <paramref name="claims"/> (strings, string arrays, or nested dictionaries for JSON claims), signed with
    /// the newest key or <paramref name="keyId"/>; a negative <paramref name="lifetime"/> makes it expired.
    /// </summary>
    public string Issue(IDictionary<string, object> claims, TimeSpan? lifetime = null, string? keyId = null, string? audience = null, string? issuer = null)
    {
        RsaSecurityKey key;
        lock (_lock) key = keyId is null ? _keys[^1] : _keys.Single(k => k.KeyId == keyId);
        var now = DateTime.UtcNow;
        var expires = now + (lifetime ?? TimeSpan.FromHours(1));
        var notBefore = (expires < now ? expires : now).AddMinutes(-1);
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer ?? Authority, Audience = audience ?? Audience, IssuedAt = notBefore, NotBefore = notBefore, Expires = expires,
            Claims = claims, SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
        });
    }

    private List<Dictionary<string, string>> PublishedKeys()
    {
        lock (_lock)
            return _keys.Select(key =>
            {
                var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(key.Rsa.ExportParameters(false)) { KeyId = key.KeyId });
                return new Dictionary<string, string> { ["kty"] = jwk.Kty, ["use"] = "sig", ["alg"] = SecurityAlgorithms.RsaSha256, ["kid"] = jwk.Kid, ["n"] = jwk.N, ["e"] = jwk.E };
            }).ToList();
    }

    /// <summary>Until the process is told to stop (Ctrl+C, SIGTERM).</summary>
    public Task WaitForShutdownAsync() => _app.WaitForShutdownAsync();

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
