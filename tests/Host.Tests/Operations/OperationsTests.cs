using System.Text.Json.Nodes;
using Participation.Host.Tests.Support;

namespace Participation.Host.Tests.Operations;

/// <summary>Health checks and the OpenAPI description, reachable without a token.</summary>
[Collection(ApiCollection.Name)]
public sealed class OperationsTests(ApiFixture api)
{
    private static readonly (string Name, string Value) NoToken = ("Authorization", "");

    /// <summary>The routes of API.md's Cases, Histories and Progress sections, as the OpenAPI description must name them: under its server, /api/v1.</summary>
    public static TheoryData<string, string> Routes => new()
    {
        { "/cases", "get" },
        { "/cases", "post" },
        { "/cases/{caseId}", "get" },
        { "/cases/{caseId}/participants", "post" },
        { "/cases/{caseId}/participants/{participantId}/leave", "post" },
        { "/cases/{caseId}/contacts", "post" },
        { "/cases/{caseId}/strengths", "post" },
        { "/cases/{caseId}/connections", "post" },
        { "/cases/{caseId}/agreements", "post" },
        { "/cases/{caseId}/agreements/{agreementId}/fulfil", "post" },
        { "/cases/{caseId}/agreements/{agreementId}/break", "post" },
        { "/cases/{caseId}/assign", "post" },
        { "/cases/{caseId}/phase", "post" },
        { "/cases/{caseId}/close", "post" },
        { "/cases/{caseId}/reopen", "post" },
        { "/cases/{caseId}/suspend", "post" },
        { "/cases/{caseId}/resume", "post" },
        { "/norms", "put" },
        { "/norms", "get" },
        { "/norms/history", "get" },
        { "/worklist", "get" },
        { "/cases/{caseId}/history", "get" },
        { "/cases/{caseId}/state", "get" },
        { "/cases/{caseId}/verify", "get" },
        { "/audit", "get" },
        { "/audit/export", "get" },
        { "/dashboard", "get" },
        { "/networks", "get" },
        { "/cases/export.csv", "get" },
        { "/subscriptions", "post" },
        { "/subscriptions", "get" },
        { "/subscriptions/{subscriptionId}", "get" },
        { "/subscriptions/{subscriptionId}", "delete" },
        { "/subscriptions/{subscriptionId}/enable", "post" },
        { "/subscriptions/{subscriptionId}/replay", "post" },
        { "/subscriptions/{subscriptionId}/deliveries", "get" },
        { "/events", "get" },
    };

    [Fact]
    public async Task Liveness_answers_200_without_a_token()
    {
        var response = await api.NewTenant().Get("/health/live", NoToken);

        response.ShouldBe(200);
        Assert.Equal("Healthy", response.Body);
    }

    [Fact]
    public async Task Readiness_answers_200_without_a_token_and_reports_the_database_the_projections_the_notifications_the_shutdown_the_read_models_and_their_rebuilds()
    {
        var response = await api.NewTenant().Get("/health/ready", NoToken);

        response.ShouldBe(200);
        Assert.Equal("application/json", response.ContentType);
        var report = response.Json;
        var checks = report["checks"]!.AsArray();
        Assert.Equal(["database", "destruction", "notifications", "processing-log", "projections", "read-model-versions", "read-models", "rebuilds", "shutdown"], checks.Select(c => (string)c!["name"]!).Order());
        Assert.Equal("Healthy", (string?)checks.Single(c => (string?)c!["name"] == "database")!["status"]);
        Assert.Equal("Healthy", (string?)checks.Single(c => (string?)c!["name"] == "read-models")!["status"]);
        Assert.Equal("Healthy", (string?)checks.Single(c => (string?)c!["name"] == "rebuilds")!["status"]);
        Assert.Equal("Healthy", (string?)checks.Single(c => (string?)c!["name"] == "read-model-versions")!["status"]);
        var shutdown = checks.Single(c => (string?)c!["name"] == "shutdown")!;
        Assert.Equal(("Healthy", "Serving."), ((string?)shutdown["status"], (string?)shutdown["description"]));
        // This host's history tests edit stored events on purpose, which the async readers then skip and report
        // (Degraded, still 200); readiness with every check Healthy is under test where no test edits events.
        Assert.All(checks, c => Assert.Contains((string?)c!["status"], new[] { "Healthy", "Degraded" }));
    }

    [Fact]
    public async Task The_openapi_description_is_json_and_reachable_without_a_token()
    {
        var response = (await api.NewTenant().Get("/swagger/v1/swagger.json", NoToken)).ShouldBe(200);

        Assert.Equal("application/json", response.ContentType);
        var document = response.Json;
        Assert.StartsWith("3.", (string?)document["openapi"]);
        Assert.False(string.IsNullOrWhiteSpace((string?)document["info"]!["title"]));
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task The_openapi_description_lists_every_route_of_the_contract(string path, string method)
    {
        var document = (await api.NewTenant().Get("/swagger/v1/swagger.json", NoToken)).ShouldBe(200).Json;

        var paths = document["paths"]!.AsObject();
        Assert.True(paths.ContainsKey(path), $"{path} is not in the OpenAPI description; it has {string.Join(", ", paths.Select(p => p.Key))}");
        var operation = paths[path]![method];
        Assert.True(operation is not null, $"{method.ToUpperInvariant()} {path} is not in the OpenAPI description");
        var responses = operation!["responses"]!.AsObject();
        foreach (var transient in new[] { "429", "503" })
            Assert.NotNull(responses[transient]?["headers"]?["Retry-After"]);
        if (method == "post" && path != "/cases" && !path.EndsWith("/enable", StringComparison.Ordinal)) Assert.NotNull(operation["requestBody"]);
    }

    [Theory]
    [InlineData("/cases/{caseId}", "CaseDetails")]
    [InlineData("/cases/{caseId}/state", "CaseDetails")]
    [InlineData("/audit", "AuditPage")]
    public async Task Answers_written_with_opened_personal_data_still_describe_their_schema(string path, string schema)
    {
        var document = (await api.NewTenant().Get("/swagger/v1/swagger.json", NoToken)).ShouldBe(200).Json;

        var ok = document["paths"]![path]!["get"]!["responses"]!["200"]!["content"]!["application/json"]!["schema"]!;
        Assert.Equal($"#/components/schemas/{schema}", (string?)ok["$ref"]);
    }

    [Fact]
    public async Task The_openapi_description_has_a_bearer_security_scheme_required_by_the_api()
    {
        var document = (await api.NewTenant().Get("/swagger/v1/swagger.json", NoToken)).ShouldBe(200).Json;

        var schemes = document["components"]!["securitySchemes"]!.AsObject();
        var bearer = schemes.Select(s => s.Value).FirstOrDefault(s => (string?)s!["type"] == "http" && string.Equals((string?)s["scheme"], "bearer", StringComparison.OrdinalIgnoreCase));
        Assert.True(bearer is not null, $"No http bearer scheme in {schemes.ToJsonString()}");
        var name = schemes.First(s => s.Value == bearer).Key;
        var requirements = (document["security"] as JsonArray ?? []).Concat(
            document["paths"]!["/cases"]!["get"]!["security"] as JsonArray ?? []);
        Assert.Contains(requirements, r => r is JsonObject o && o.ContainsKey(name));
    }

    [Fact]
    public async Task The_swagger_ui_answers_without_a_token()
    {
        var response = (await api.NewTenant().Get("/swagger/index.html", NoToken)).ShouldBe(200);

        Assert.Equal("text/html", response.ContentType);
        Assert.Contains("swagger", response.Body, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_openapi_description_is_a_valid_openapi_document()
    {
        var json = (await api.NewTenant().Get("/swagger/v1/swagger.json", NoToken)).ShouldBe(200).Body;

        var result = Microsoft.OpenApi.OpenApiDocument.Parse(json, "json");

        Assert.NotNull(result.Document);
        Assert.Empty(result.Diagnostic?.Errors ?? []);
        Assert.All(result.Document!.Paths.Where(p => p.Key != "/dev/tokens").SelectMany(p => p.Value.Operations!.Values),
            operation => Assert.False(string.IsNullOrWhiteSpace(operation.Summary)));
    }

    [Theory]
    [InlineData("/cases/{caseId}/contacts", "post", true, true)]
    [InlineData("/cases/{caseId}/participants/{participantId}/erase", "post", true, true)]
    [InlineData("/cases", "post", true, false)]
    [InlineData("/cases", "get", false, false)]
    [InlineData("/cases/{caseId}/history", "get", false, false)]
    public async Task Headers_and_answers_of_writes_are_documented_from_the_endpoints_metadata(string path, string method, bool idempotent, bool versioned)
    {
        var document = (await api.NewTenant().Get("/swagger/v1/swagger.json", NoToken)).ShouldBe(200).Json;

        var operation = document["paths"]![path]![method]!;
        var headers = (operation["parameters"] as JsonArray ?? []).Where(p => (string?)p!["in"] == "header").Select(p => (string)p!["name"]!).ToList();
        Assert.Equal(idempotent, headers.Contains("Idempotency-Key"));
        Assert.Equal(versioned, headers.Contains("If-Match"));
        Assert.Equal(versioned, operation["responses"]!.AsObject().ContainsKey("412"));
    }

    [Fact]
    public async Task The_openapi_document_is_published_at_a_stable_address_for_any_origin_and_matches_the_checked_in_one()
    {
        var response = (await api.NewTenant().Get("/api/openapi.json", NoToken, ("Origin", "https://portal.example.nl"))).ShouldBe(200);

        Assert.Equal("*", response.Headers["Access-Control-Allow-Origin"]);
        var document = response.Json;
        Assert.Equal(Participation.Host.Http.ApiVersion.Current, (string?)document["info"]!["version"]);
        Assert.Matches(@"^\d+\.\d+\.\d+$", (string?)document["info"]!["version"]);
        Assert.NotNull(document["info"]!["contact"]);
        Assert.NotNull(document["info"]!["license"]);
        Assert.False(document["paths"]!.AsObject().ContainsKey("/dev/tokens"), "Development routes are not part of the published contract");
        var committed = await File.ReadAllTextAsync(Path.Combine(TestDatabase.RepositoryRoot(), "docs", "openapi.json"));
        Assert.True(committed.TrimEnd() == response.Body.TrimEnd(),
            "docs/openapi.json differs from what the API describes: review the change and run `bash scripts/openapi.sh`.");
    }

    [Theory]
    [InlineData("/api/cases", true)]
    [InlineData("/api/cases/00000000-0000-0000-0000-000000000001", true)]
    [InlineData("/api/v1/cases/00000000-0000-0000-0000-000000000001", true)]
    [InlineData("/api/cases", false)]
    [InlineData("/health/ready", false)]
    [InlineData("/api/openapi.json", false)]
    public async Task Every_answer_carries_the_api_version_errors_too(string path, bool withToken)
    {
        var caller = api.NewTenant();

        var response = withToken ? await caller.Get(path) : await caller.Get(path, NoToken);

        Assert.Equal(Participation.Host.Http.ApiVersion.Current, response.Headers["API-Version"]);
    }

    [Fact]
    public async Task Every_request_body_has_an_example_and_every_operation_its_documentation()
    {
        var document = (await api.NewTenant().Get("/api/openapi.json", NoToken)).ShouldBe(200).Json;

        foreach (var (path, item) in document["paths"]!.AsObject())
        foreach (var (method, operation) in item!.AsObject())
        {
            Assert.False(string.IsNullOrWhiteSpace((string?)operation!["summary"]), $"{method} {path} has no summary");
            if (operation["requestBody"]?["content"]?["application/json"] is { } body)
                Assert.True(body["example"] is not null, $"{method} {path} has no request example");
        }
    }
}
