using System.Net.Http.Headers;
using Participation.Host.Security;
using Participation.Host.Tests.Support;

namespace Participation.Host.Tests.Http;

[Collection(ApiCollection.Name)]
public sealed class ResponseHeaderTests(ApiFixture api)
{
    private async Task<HttpResponseMessage> Get(string url, string? token = null)
    {
        using var client = api.Host.Server.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await client.SendAsync(request);
    }

    [Fact]
    public async Task Every_answer_says_nosniff()
    {
        var caller = api.NewTenant(Roles.Caseworker);
        foreach (var (url, token) in new[] { ("/api/cases", caller.Token), ("/api/cases", null), ("/health/live", null), ("/swagger/v1/swagger.json", null), ("/nowhere", null) })
        {
            using var response = await Get(url, token);
            Assert.True(response.Headers.TryGetValues("X-Content-Type-Options", out var values) && values.Single() == "nosniff", $"{url}: {response.Headers}");
        }
    }

    [Fact]
    public async Task Answers_with_personal_data_may_not_be_stored_by_any_cache()
    {
        var caseworker = api.NewTenant(Roles.Caseworker);
        var (caseId, _) = await caseworker.CaseInPhase("engage");
        var admin = caseworker.WithRoles(Roles.Admin);

        foreach (var url in new[] { $"/api/cases/{caseId}", $"/api/cases/{caseId}/history", $"/api/cases/{caseId}/state?version=2", "/api/audit", "/api/audit/export", "/api/cases/export.csv" })
        {
            using var response = await Get(url, admin.Token);
            Assert.True(response.IsSuccessStatusCode, $"{url}: {(int)response.StatusCode}");
            Assert.True(response.Headers.CacheControl?.NoStore == true, $"{url}: Cache-Control {response.Headers.CacheControl}");
        }
    }

    [Fact]
    public async Task The_swagger_ui_may_not_be_framed_by_another_site()
    {
        using var response = await Get("/swagger/index.html");

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
    }
}
