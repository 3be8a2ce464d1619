using Alba;
using Participation.Host.Tests.Support;

namespace Participation.Host.Tests.Http;

/// <summary>Browser clients on other origins: none by default, those named in <c>Cors:AllowedOrigins</c> when configured.</summary>
public static class Cors
{
    public static async Task<HttpResponseMessage> Preflight(IAlbaHost host, string origin, string path = "/api/v1/cases")
    {
        using var client = host.Server.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Options, path);
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "authorization,content-type,idempotency-key");
        return await client.SendAsync(request);
    }
}

[Collection(ApiCollection.Name)]
public sealed class DefaultCorsTests(ApiFixture api)
{
    [Fact]
    public async Task By_default_no_origin_is_allowed()
    {
        using var response = await Cors.Preflight(api.Host, LowLimitsFixture.BrowserOrigin);

        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }
}

[Collection(LowLimitsCollection.Name)]
public sealed class ConfiguredCorsTests(LowLimitsFixture api)
{
    [Theory]
    [InlineData("/api/v1/cases")]
    [InlineData("/api/cases")]
    public async Task A_configured_origin_may_call_with_a_token_and_another_may_not(string path)
    {
        using var allowed = await Cors.Preflight(api.Host, LowLimitsFixture.BrowserOrigin, path);
        using var other = await Cors.Preflight(api.Host, "https://elders.example", path);

        Assert.Equal(LowLimitsFixture.BrowserOrigin, allowed.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("authorization", allowed.Headers.GetValues("Access-Control-Allow-Headers").Single(), StringComparison.OrdinalIgnoreCase);
        Assert.False(other.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task A_configured_origin_may_read_the_version_and_an_unversioned_routes_deprecation()
    {
        using var client = api.Host.Server.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/cases") { Headers = { { "Origin", LowLimitsFixture.BrowserOrigin } } };
        request.Headers.Authorization = new("Bearer", api.NewTenant().Token);

        using var response = await client.SendAsync(request);

        Assert.True(response.Headers.Contains("Deprecation"), response.Headers.ToString());
        var exposed = response.Headers.GetValues("Access-Control-Expose-Headers").SelectMany(v => v.Split(',', StringSplitOptions.TrimEntries)).ToList();
        Assert.Superset(new HashSet<string>(["API-Version", "Deprecation", "Link"], StringComparer.OrdinalIgnoreCase),
            new HashSet<string>(exposed, StringComparer.OrdinalIgnoreCase));
    }
}
