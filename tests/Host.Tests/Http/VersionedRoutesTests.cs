using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using Participation.Host.Http;
using Participation.Host.Tests.Support;

namespace Participation.Host.Tests.Http;

/// <summary>
/// API 1.1's major version in the URI: every route is served under /api/v1 as it is under /api; the unversioned routes
/// answer as before, marked deprecated with a link to their successor; the OpenAPI document describes the versioned ones.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class VersionedRoutesTests(ApiFixture api)
{
    private static readonly (string Name, string Value) NoToken = ("Authorization", "");

    [Fact]
    public async Task A_case_is_opened_changed_and_read_under_api_v1_and_its_location_names_the_versioned_route()
    {
        var caseworker = api.NewTenant();

        var opened = (await caseworker.Post("/api/v1/cases", Scenarios.NewCase())).ShouldBe(201);
        var caseId = (Guid)opened.Json["id"]!;
        (await caseworker.Post($"/api/v1/cases/{caseId}/assign", new { owner = "piet" }, ("If-Match", "\"1\""))).ShouldBe(200);
        var versioned = (await caseworker.Get($"/api/v1/cases/{caseId}")).ShouldBe(200);
        var unversioned = (await caseworker.Get($"/api/cases/{caseId}")).ShouldBe(200);

        Assert.Equal($"/api/v1/cases/{caseId}", opened.Location);
        Assert.Equal("piet", (string?)versioned.Json["owner"]);
        Assert.Equal((unversioned.Body, unversioned.ETag), (versioned.Body, versioned.ETag));
        Assert.All([opened, versioned], NotDeprecated);
    }

    [Fact]
    public async Task An_unversioned_route_answers_as_before_plus_deprecation_and_a_link_to_its_successor_errors_included()
    {
        var caseworker = api.NewTenant();

        var opened = (await caseworker.Post("/api/cases", Scenarios.NewCase())).ShouldBe(201);
        var caseId = (Guid)opened.Json["id"]!;
        var list = (await caseworker.Get("/api/cases?domain=sport&pageSize=5")).ShouldBe(200);
        var otherTenants = await api.NewTenant().Get($"/api/cases/{caseId}");
        var noToken = await caseworker.Get($"/api/cases/{caseId}", NoToken);
        var malformed = await caseworker.PostRaw($"/api/cases/{caseId}/assign", "{\"owner\": ");

        Assert.Equal($"/api/cases/{caseId}", opened.Location);
        Assert.Equal(1, (long)list.Json["total"]!);
        otherTenants.ShouldBeProblem(404);
        noToken.ShouldBe(401);
        malformed.ShouldBeProblem(400);
        Deprecated(opened, "/api/v1/cases");
        Deprecated(list, "/api/v1/cases?domain=sport&pageSize=5");
        Deprecated(otherTenants, $"/api/v1/cases/{caseId}");
        Deprecated(noToken, $"/api/v1/cases/{caseId}");
        Deprecated(malformed, $"/api/v1/cases/{caseId}/assign");
    }

    [Fact]
    public async Task Tenancy_and_tokens_hold_under_api_v1_as_under_api()
    {
        var caseworker = api.NewTenant();
        var caseId = await caseworker.OpenCase();

        (await api.NewTenant().Get($"/api/v1/cases/{caseId}")).ShouldBeProblem(404);
        (await api.NewTenant().Post($"/api/v1/cases/{caseId}/assign", new { owner = "piet" })).ShouldBeProblem(404);
        (await caseworker.Get($"/api/v1/cases/{caseId}", NoToken)).ShouldBe(401);
        (await caseworker.Get("/api/v1/audit")).ShouldBeProblem(403);
        (await caseworker.Get("/api/v1/nowhere")).ShouldBe(404);
    }

    [Fact]
    public async Task A_retry_under_the_other_route_returns_the_first_answer_with_its_own_location()
    {
        var caseworker = api.NewTenant();
        var key = ("Idempotency-Key", Guid.NewGuid().ToString());

        var first = (await caseworker.Post("/api/cases", Scenarios.NewCase(), key)).ShouldBe(201);
        var retry = (await caseworker.Post("/api/v1/cases", Scenarios.NewCase(), key)).ShouldBe(201);

        Assert.Equal(first.Body, retry.Body);
        Assert.Equal($"/api/v1/cases/{first.Json["id"]}", retry.Location);
        Assert.Equal(1, (long)(await caseworker.Get("/api/v1/cases")).ShouldBe(200).Json["total"]!);
    }

    [Theory]
    [InlineData("/api/openapi.json")]
    [InlineData("/api/v1/openapi.json")]
    [InlineData("/swagger/v1/swagger.json")]
    [InlineData("/health/live")]
    public async Task The_documents_and_probes_are_served_as_before_and_not_deprecated(string path)
    {
        var response = (await api.NewTenant().Get(path, NoToken)).ShouldBe(200);

        NotDeprecated(response);
    }

    [Fact]
    public async Task The_document_describes_the_versioned_routes_relative_to_its_one_server()
    {
        var document = (await api.NewTenant().Get("/api/openapi.json", NoToken)).ShouldBe(200).Json;

        var server = Assert.Single(document["servers"]!.AsArray());
        Assert.Equal(VersionedRoutes.Root, (string?)server!["url"]);
        var paths = document["paths"]!.AsObject().Select(p => p.Key).ToList();
        Assert.Contains("/cases/{caseId}", paths);
        Assert.DoesNotContain(paths, p => p.StartsWith("/api", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(null, "/api/v1", "/")]
    [InlineData("https://gemeente.nl/participatie", "https://gemeente.nl/participatie/api/v1", "https://gemeente.nl/participatie")]
    [InlineData("https://participatie.example.nl/", "https://participatie.example.nl/api/v1", "https://participatie.example.nl")]
    public void The_server_is_the_versioned_root_under_the_public_base_url_and_routes_outside_the_api_keep_the_sites_root(
        string? publicBaseUrl, string server, string site)
    {
        var address = new ApiAddress(Options.Create(new PublicAddressOptions { PublicBaseUrl = publicBaseUrl is null ? null : new Uri(publicBaseUrl) }));
        var document = new OpenApiDocument
        {
            Paths = new OpenApiPaths { ["/api/cases/{caseId}"] = new OpenApiPathItem(), ["/dev/tokens"] = new OpenApiPathItem() },
        };

        new VersionedPathsDocumentFilter(address).Apply(document, null!);

        Assert.Equal(server, Assert.Single(document.Servers!).Url);
        Assert.Equal(["/cases/{caseId}", "/dev/tokens"], document.Paths.Keys);
        Assert.Equal(site, Assert.Single(document.Paths["/dev/tokens"].Servers!).Url);
        Assert.Null(document.Paths["/cases/{caseId}"].Servers);
    }

    private static void Deprecated(Response response, string successor)
    {
        Assert.Equal(VersionedRoutes.DeprecationHeader, response.Headers["Deprecation"]);
        Assert.Matches(@"^@\d+$", response.Headers["Deprecation"]);
        Assert.Equal($"<{successor}>; rel=\"successor-version\"", response.Headers["Link"]);
    }

    private static void NotDeprecated(Response response)
    {
        Assert.False(response.Headers.ContainsKey("Deprecation"), $"Deprecation: {response.Headers.GetValueOrDefault("Deprecation")}");
        Assert.False(response.Headers.ContainsKey("Link"), $"Link: {response.Headers.GetValueOrDefault("Link")}");
    }
}
