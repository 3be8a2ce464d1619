using Microsoft.AspNetCore.Hosting;
using Participation.Host.Security;
using Participation.Host.Tests.Support;

namespace Participation.Host.Tests.Http;

/// <summary>A host of its own with low limits over a window longer than any run, and one allowed browser origin.</summary>
public sealed class LowLimitsFixture() : ApiFixture("low_limits_tests")
{
    public const int CommandsPerUser = 3, CommandsPerTenant = 5, ReadsPerUser = 6, ExportsPerUser = 1;
    public const string BrowserOrigin = "https://wijkteam.example.nl";

    protected override void Configure(IWebHostBuilder builder)
    {
        builder.UseSetting("RateLimits:Window", "01:00:00");
        builder.UseSetting("RateLimits:Commands:PerUser", $"{CommandsPerUser}");
        builder.UseSetting("RateLimits:Commands:PerTenant", $"{CommandsPerTenant}");
        builder.UseSetting("RateLimits:Reads:PerUser", $"{ReadsPerUser}");
        builder.UseSetting("RateLimits:Exports:PerUser", $"{ExportsPerUser}");
        builder.UseSetting("Cors:AllowedOrigins:0", BrowserOrigin);
    }
}

[CollectionDefinition(Name)]
public sealed class LowLimitsCollection : ICollectionFixture<LowLimitsFixture>
{
    public const string Name = "low-limits";
}

[Collection(LowLimitsCollection.Name)]
public sealed class RateLimitTests(LowLimitsFixture api)
{
    [Fact]
    public async Task Beyond_a_users_command_limit_a_command_is_a_429_problem_with_retry_after_and_appends_nothing()
    {
        var anna = api.NewTenant(Roles.Caseworker);
        var caseId = await anna.OpenCase();
        for (var i = 1; i < LowLimitsFixture.CommandsPerUser; i++) (await anna.Post($"/api/cases/{caseId}/assign", new { owner = $"piet{i}" })).ShouldBe(200);

        using var client = api.Host.Server.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/cases/{caseId}/assign") { Content = Json("""{"owner": "kees"}""") };
        request.Headers.Authorization = new("Bearer", anna.Token);
        using var refused = await client.SendAsync(request);

        Assert.Equal(429, (int)refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero, $"Retry-After: {refused.Headers.RetryAfter}");
        var problem = System.Text.Json.Nodes.JsonNode.Parse(await refused.Content.ReadAsStringAsync())!;
        Assert.Equal("https://participation.example/problems/rate-limited", (string?)problem["type"]);
        Assert.Equal(429, (int)problem["status"]!);
        Assert.Equal(LowLimitsFixture.CommandsPerUser, await anna.CurrentVersion(caseId));
    }

    [Fact]
    public async Task Users_of_a_tenant_share_the_tenants_limit_and_other_tenants_are_not_touched()
    {
        var anna = api.NewTenant(Roles.Caseworker);
        var piet = api.As("piet", anna.Tenant, Roles.Caseworker);
        for (var i = 0; i < LowLimitsFixture.CommandsPerUser; i++) await anna.OpenCase();
        (await anna.Post("/api/cases", Scenarios.NewCase())).ShouldBeProblem(429);

        for (var i = LowLimitsFixture.CommandsPerUser; i < LowLimitsFixture.CommandsPerTenant; i++) await piet.OpenCase();
        (await piet.Post("/api/cases", Scenarios.NewCase())).ShouldBeProblem(429);

        await api.NewTenant(Roles.Caseworker).OpenCase();
        Assert.Equal(LowLimitsFixture.CommandsPerTenant, (long)(await piet.Get("/api/cases")).ShouldBe(200).Json["total"]!);
    }

    [Fact]
    public async Task Reads_and_exports_have_limits_of_their_own()
    {
        var anna = api.NewTenant(Roles.Caseworker);
        for (var i = 0; i < LowLimitsFixture.CommandsPerUser; i++) await anna.OpenCase();
        (await anna.Post("/api/cases", Scenarios.NewCase())).ShouldBeProblem(429);

        var manager = anna.WithRoles(Roles.Manager);
        (await manager.Get("/api/cases/export.csv")).ShouldBe(200);
        (await manager.Get("/api/cases/export.csv")).ShouldBeProblem(429);
        for (var i = 0; i < LowLimitsFixture.ReadsPerUser; i++) (await manager.Get("/api/cases")).ShouldBe(200);
        (await manager.Get("/api/cases")).ShouldBeProblem(429);
    }

    [Fact]
    public async Task The_versioned_and_the_unversioned_route_count_against_one_limit()
    {
        var anna = api.NewTenant(Roles.Caseworker);
        for (var i = 0; i < LowLimitsFixture.CommandsPerUser; i++)
            (await anna.Post(i % 2 == 0 ? "/api/v1/cases" : "/api/cases", Scenarios.NewCase())).ShouldBe(201);

        (await anna.Post("/api/v1/cases", Scenarios.NewCase())).ShouldBeProblem(429);
        (await anna.Post("/api/cases", Scenarios.NewCase())).ShouldBeProblem(429);
    }

    private static StringContent Json(string json) => new(json, System.Text.Encoding.UTF8, "application/json");
}
