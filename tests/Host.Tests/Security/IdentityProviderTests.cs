using Participation.Host.Security;
using System.Security.Claims;
using Alba;
using Microsoft.IdentityModel.Tokens;
using Participation.Host.Tests.Support;
using Participation.IdentityProvider;

namespace Participation.Host.Tests.Security;

public sealed class IdentityProviderFixture : IAsyncLifetime
{
    public LoopbackIdentityProvider Provider { get; private set; } = null!;
    public IAlbaHost Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Provider = await LoopbackIdentityProvider.StartAsync();
        // Two keys published from the start, as a provider does around a rotation; tokens are signed with either.
        Provider.AddKey();
        Host = await IdentityProviderHost.StartAsync(Provider, "oidc_tests");
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await Provider.DisposeAsync();
    }

    public Caller As(string user, params string[] roles)
    {
        var tenant = "t-" + Guid.NewGuid().ToString("N")[..12];
        return new Caller(Host, tenant, user, Provider.Issue(IdentityProviderHost.Claims(user, tenant, roles)));
    }
}

[CollectionDefinition(Name)]
public sealed class IdentityProviderCollection : ICollectionFixture<IdentityProviderFixture>
{
    public const string Name = "identity-provider";
}

/// <summary>Production with the municipality's OpenID Connect provider: RS256 tokens checked against its published keys, claims mapped by configuration.</summary>
[Collection(IdentityProviderCollection.Name)]
public sealed class IdentityProviderTests(IdentityProviderFixture oidc)
{
    [Fact]
    public async Task A_token_of_the_provider_is_accepted_and_the_mapped_user_acts()
    {
        var caseworker = oidc.As("anna.devries", Roles.Caseworker);

        var caseId = await caseworker.OpenCase();

        var state = (await caseworker.Get($"/api/cases/{caseId}")).ShouldBe(200).Json;
        Assert.Equal("anna.devries", (string?)state["openedBy"]);
    }

    [Fact]
    public async Task Tokens_signed_with_any_published_key_are_accepted()
    {
        var tenant = "t-" + Guid.NewGuid().ToString("N")[..12];
        Assert.Equal(2, oidc.Provider.KeyIds.Count);

        foreach (var keyId in oidc.Provider.KeyIds)
        {
            var token = oidc.Provider.Issue(IdentityProviderHost.Claims("piet", tenant, Roles.Caseworker), keyId: keyId);
            (await new Caller(oidc.Host, tenant, "piet", token).Get("/api/cases")).ShouldBe(200);
        }
    }

    [Fact]
    public async Task Roles_come_from_the_configured_claim_only()
    {
        var tenant = "t-" + Guid.NewGuid().ToString("N")[..12];
        var claims = IdentityProviderHost.Claims("mo", tenant, Roles.Manager);
        claims["role"] = new[] { Roles.Admin, Roles.Caseworker };
        var manager = new Caller(oidc.Host, tenant, "mo", oidc.Provider.Issue(claims));

        (await manager.Get("/api/dashboard")).ShouldBe(200);
        (await manager.Post("/api/cases", Scenarios.NewCase())).ShouldBeProblem(403);
    }

    [Fact]
    public async Task The_tenant_comes_from_the_configured_claim_only()
    {
        var claims = IdentityProviderHost.Claims("anna", "t-unused", Roles.Caseworker);
        claims.Remove("municipality");
        claims["tenant"] = "amsterdam";

        (await new Caller(oidc.Host, "amsterdam", "anna", oidc.Provider.Issue(claims)).Get("/api/cases")).ShouldBeProblem(401);
    }

    public static TheoryData<string> ForeignTokens => new() { "unpublished-key", "shared-development-key", "other-audience", "other-issuer", "expired" };

    [Theory]
    [MemberData(nameof(ForeignTokens))]
    public async Task A_token_the_provider_did_not_issue_for_this_api_is_a_401(string kind)
    {
        var tenant = "t-" + Guid.NewGuid().ToString("N")[..12];
        var claims = IdentityProviderHost.Claims("eve", tenant, Roles.Admin);
        var token = kind switch
        {
            "unpublished-key" => UnpublishedKeyToken(claims),
            "shared-development-key" => Tokens.Sign(new SymmetricSecurityKey("development-only-signing-key-not-for-production-use-0123456789"u8.ToArray()),
                Tokens.Claims("eve", tenant, Roles.Admin)),
            "other-audience" => oidc.Provider.Issue(claims, audience: "another-api"),
            "other-issuer" => oidc.Provider.Issue(claims, issuer: "https://login.example"),
            "expired" => oidc.Provider.Issue(claims, lifetime: TimeSpan.FromMinutes(-5)),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };

        (await new Caller(oidc.Host, tenant, "eve", token).Get("/api/cases")).ShouldBeProblem(401).ShouldHaveCleanDetail();
    }

    // The provider's issuer, audience and claims, signed with a key it never published.
    private string UnpublishedKeyToken(Dictionary<string, object> claims)
    {
        var stranger = new RsaSecurityKey(System.Security.Cryptography.RSA.Create(2048)) { KeyId = "stranger" };
        return Tokens.Sign(stranger, claims.Where(c => c.Value is string).Select(c => new Claim(c.Key, (string)c.Value)),
            issuer: oidc.Provider.Authority, audience: oidc.Provider.Audience, algorithm: SecurityAlgorithms.RsaSha256);
    }
}
