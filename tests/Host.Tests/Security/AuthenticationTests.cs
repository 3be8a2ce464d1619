using System.Security.Claims;
using System.Text;
using Microsoft.IdentityModel.Tokens;
using Participation.Host.Security;
using Participation.Host.Tests.Support;

namespace Participation.Host.Tests.Security;

/// <summary>Every /api route needs a valid bearer token; anything else is a 401 problem that appends nothing.</summary>
[Collection(ApiCollection.Name)]
public sealed class AuthenticationTests(ApiFixture api)
{
    public static TheoryData<string> BadTokens => new()
    {
        "none", "empty-bearer", "garbage", "basic-scheme", "foreign-key", "expired", "not-yet-valid", "no-tenant", "blank-tenant",
        "no-user", "wrong-issuer", "wrong-audience", "unsigned", "tampered",
    };

    private string? Header(string kind, string tenant)
    {
        var key = Tokens.HostKey(api.Host.Services);
        var roles = new[] { Roles.Caseworker, Roles.Admin };
        var now = DateTime.UtcNow;
        string Bearer(string token) => "Bearer " + token;
        return kind switch
        {
            "none" => "",
            "empty-bearer" => "Bearer",
            "garbage" => Bearer("not-a-jwt"),
            "basic-scheme" => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("anna:secret")),
            "foreign-key" => Bearer(Tokens.Sign(Tokens.ForeignKey(), Tokens.Claims("anna", tenant, roles))),
            "expired" => Bearer(Tokens.Sign(key, Tokens.Claims("anna", tenant, roles), now.AddHours(-2), now.AddHours(-1))),
            "not-yet-valid" => Bearer(Tokens.Sign(key, Tokens.Claims("anna", tenant, roles), now.AddHours(1), now.AddHours(2))),
            "no-tenant" => Bearer(Tokens.Sign(key, Tokens.Claims("anna", null, roles))),
            "blank-tenant" => Bearer(Tokens.Sign(key, Tokens.Claims("anna", " ", roles))),
            "no-user" => Bearer(Tokens.Sign(key, Tokens.Claims(null, tenant, roles))),
            "wrong-issuer" => Bearer(Tokens.Sign(key, Tokens.Claims("anna", tenant, roles), issuer: "someone-else")),
            "wrong-audience" => Bearer(Tokens.Sign(key, Tokens.Claims("anna", tenant, roles), audience: "another-api")),
            "unsigned" => Bearer(Unsigned(tenant, roles)),
            "tampered" => Bearer(Tampered(api.Host.Services.GetRequiredService<TokenIssuer>().Issue("anna", tenant, roles), tenant)),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
    }

    // alg "none": the header and payload of a valid token, without a signature.
    private static string Unsigned(string tenant, string[] roles)
    {
        static string Part(string json) => Base64UrlEncoder.Encode(json);
        var exp = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds();
        var payload = $$"""{"sub":"anna","name":"anna","tenant":"{{tenant}}","role":["{{string.Join("\",\"", roles)}}"],"iss":"participation","aud":"participation-api","exp":{{exp}}}""";
        return Part("""{"alg":"none","typ":"JWT"}""") + "." + Part(payload) + ".";
    }

    // A valid token whose payload is changed after signing (another tenant), keeping the old signature.
    private static string Tampered(string token, string tenant)
    {
        var parts = token.Split('.');
        var payload = Base64UrlEncoder.Decode(parts[1]).Replace(tenant, "t-someone-else");
        return parts[0] + "." + Base64UrlEncoder.Encode(payload) + "." + parts[2];
    }

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task Reading_without_a_valid_token_is_a_401_problem(string kind)
    {
        var caller = api.NewTenant();
        var caseId = await caller.OpenCase();
        var auth = ("Authorization", Header(kind, caller.Tenant)!);

        (await caller.Get("/api/cases", auth)).ShouldBeProblem(401).ShouldHaveCleanDetail();
        (await caller.Get($"/api/cases/{caseId}", auth)).ShouldBeProblem(401).ShouldHaveCleanDetail();
    }

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task Writing_without_a_valid_token_is_a_401_problem_and_appends_nothing(string kind)
    {
        var caller = api.NewTenant();
        var caseId = await caller.OpenCase();
        var auth = ("Authorization", Header(kind, caller.Tenant)!);

        (await caller.Post($"/api/cases/{caseId}/assign", new { owner = "piet" }, auth)).ShouldBeProblem(401).ShouldHaveCleanDetail();
        (await caller.Post("/api/cases", Scenarios.NewCase(), auth)).ShouldBeProblem(401);

        Assert.Equal(1, await caller.CurrentVersion(caseId));
        Assert.Equal(1, (long)(await caller.Get("/api/cases")).Json["total"]!);
    }

    [Fact]
    public async Task A_token_naming_only_a_subject_is_valid_and_the_subject_acts()
    {
        var caller = api.NewTenant();
        var token = Tokens.Sign(Tokens.HostKey(api.Host.Services),
            [new Claim(ClaimNames.Subject, "user-42"), new Claim(ClaimNames.Tenant, caller.Tenant), new Claim(ClaimNames.Role, Roles.Caseworker)]);
        var subjectOnly = new Caller(api.Host, caller.Tenant, "user-42", token);

        var caseId = await subjectOnly.OpenCase();

        Assert.Equal("user-42", (string?)(await caller.Get($"/api/cases/{caseId}")).Json["openedBy"]);
    }

    [Fact]
    public async Task A_token_from_the_token_issuer_is_accepted()
    {
        var caller = api.NewTenant();

        (await caller.Get("/api/cases")).ShouldBe(200);
    }
}
