using System.Net;
using System.Text.Json.Nodes;
using Participation.Host.Tests.Support;

namespace Participation.Host.Tests.Pages;

/// <summary>How the Host serves the pages' files: a route of the pages is the page, a missing file is a 404, assets are cached for good.</summary>
[Collection(ApiCollection.Name)]
public sealed class PagesServingTests(ApiFixture api)
{
    [Theory]
    [InlineData("/app/")]
    [InlineData("/app/cases")]
    [InlineData("/app/cases/0199a1f0-0000-7000-8000-000000000001")]
    [InlineData("/app/networks/new")]
    [InlineData("/app/networks/0199a1f0-0000-7000-8000-000000000001/edit")]
    public async Task Every_route_of_the_pages_answers_the_page_which_is_asked_for_again_each_time(string path)
    {
        using var client = api.Host.Server.CreateClient();
        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<div id=\"root\">", await response.Content.ReadAsStringAsync());
        Assert.Equal("no-cache", response.Headers.CacheControl?.ToString());
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Contains("script-src 'self';", response.Headers.GetValues("Content-Security-Policy").Single());
    }

    [Fact]
    public async Task App_without_its_slash_is_sent_to_the_page()
    {
        using var client = api.Host.Server.CreateClient();
        using var response = await client.GetAsync("/app");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/app/", response.Headers.Location?.ToString());
    }

    [Fact]
    public async Task The_scripts_are_sent_compressed_and_cached_for_good_and_a_missing_file_is_a_404()
    {
        using var client = api.Host.Server.CreateClient();
        var page = await client.GetStringAsync("/app/");
        var script = System.Text.RegularExpressions.Regex.Match(page, "src=\"(/app/assets/[^\"]+\\.js)\"").Groups[1].Value;
        using var request = new HttpRequestMessage(HttpMethod.Get, script) { Headers = { { "Accept-Encoding", "gzip" } } };

        using var response = await client.SendAsync(request);
        using var missing = await client.GetAsync("/app/assets/missing.js");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("gzip", response.Content.Headers.ContentEncoding.Single());
        Assert.Equal("public, max-age=31536000, immutable", response.Headers.CacheControl?.ToString());
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task The_public_configuration_tells_the_page_to_sign_in_with_the_development_form_and_names_the_claims()
    {
        using var client = api.Host.Server.CreateClient();
        var config = JsonNode.Parse(await client.GetStringAsync("/app/config.json"))!;

        Assert.Equal("development", config["signIn"]!.GetValue<string>());
        Assert.Equal(("name", "tenant", "role"), (config["claims"]!["user"]!.GetValue<string>(), config["claims"]!["tenant"]!.GetValue<string>(), config["claims"]!["roles"]!.GetValue<string>()));
    }
}
