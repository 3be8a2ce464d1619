using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Participation.Host.Security;
using Participation.Host.Tests.Support;

namespace Participation.Host.Tests.Features;

/// <summary>A host of its own that logs every category at every level, so nothing it could ever log goes unseen.</summary>
public sealed class VerboseLoggingFixture() : ApiFixture("verbose_logging_tests")
{
    protected override void Configure(IWebHostBuilder builder)
    {
        foreach (var category in new[] { "Default", "Microsoft.AspNetCore", "Microsoft.AspNetCore.HttpLogging", "Marten", "Wolverine", "Wolverine.Configuration.HandlerDiscovery", "JasperFx", "System.Net.Http.HttpClient" })
            builder.UseSetting($"Logging:LogLevel:{category}", "Trace");
        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Trace));
    }
}

[CollectionDefinition(Name)]
public sealed class VerboseLoggingCollection : ICollectionFixture<VerboseLoggingFixture>
{
    public const string Name = "verbose-logging";
}

/// <summary>Every route driven with recognisable personal data, good and bad input alike; then no log line, at any level, holds any of it.</summary>
[Collection(VerboseLoggingCollection.Name)]
public sealed class PersonalDataInLogsTests(VerboseLoggingFixture api)
{
    private readonly HashSet<string> _driven = [];

    private sealed record Person(string Name, string Phone, string Email)
    {
        public static Person Unique(string name)
        {
            var tag = Guid.NewGuid().ToString("N")[..10];
            return new($"{name}-{tag}", $"06{Random.Shared.NextInt64(10_000_000, 99_999_999)}", $"{name.Split(' ')[0].ToLowerInvariant()}.{tag}@example.nl");
        }

        public IEnumerable<string> Traces => [Name, Phone, Email];
    }

    private async Task<Response> Drive(Caller caller, string method, string route, string url, object? body = null)
    {
        _driven.Add($"{method} {route}");
        return method == "GET" ? await caller.Get(url)
            : method == "DELETE" ? await caller.Send(HttpMethod.Delete, url, null)
            : method == "PUT" ? await caller.Send(HttpMethod.Put, url, new StringContent(System.Text.Json.JsonSerializer.Serialize(body), System.Text.Encoding.UTF8, "application/json"))
            : await caller.Post(url, body ?? new { });
    }

    [Fact]
    public async Task No_route_logs_the_personal_data_it_handles()
    {
        var zeynep = Person.Unique("Zeynep Kaya");
        var henk = Person.Unique("Henk de Vries");
        var caseworker = api.NewTenant(Roles.Caseworker);
        var admin = caseworker.WithRoles(Roles.Admin);
        const string cases = "/api/cases", one = "/api/cases/{caseId:id}";

        var caseId = (Guid)(await Drive(caseworker, "POST", cases, cases, Scenarios.NewCase())).ShouldBe(201).Json["id"]!;
        var c = $"/api/cases/{caseId}";
        var z = (Guid)(await Drive(caseworker, "POST", one + "/participants", c + "/participants",
            new { role = "parent", displayName = zeynep.Name, contact = new { phone = zeynep.Phone, email = zeynep.Email } })).ShouldBe(200).Json["participantId"]!;
        var h = (Guid)(await caseworker.Post(c + "/participants",
            new { role = "volunteer", displayName = henk.Name, contact = new { phone = henk.Phone, email = henk.Email } })).ShouldBe(200).Json["participantId"]!;
        (await Drive(caseworker, "POST", one + "/contacts", c + "/contacts", new
        {
            occurredAt = DateTimeOffset.UtcNow.AddHours(-1), kind = "home-visit", participantIds = new[] { z, h }, summary = $"Bij {zeynep.Name} ({zeynep.Phone}) met {henk.Name}",
        })).ShouldBe(200);
        (await Drive(caseworker, "POST", one + "/measurements", c + "/measurements", new
        {
            participantId = z, moment = "intake", measuredOn = DateOnly.FromDateTime(DateTime.UtcNow),
            domains = new[] { new { domain = "finances", level = 2, ownShare = 30, networkShare = 20, professionalShare = 50 } },
            note = $"{zeynep.Name} heeft schulden ({zeynep.Phone})",
        })).ShouldBe(200);
        (await Drive(caseworker, "POST", one + "/strengths", c + "/strengths", new { participantId = z, category = "skills", description = $"{zeynep.Name} kookt" })).ShouldBe(200);
        (await Drive(caseworker, "POST", one + "/connections", c + "/connections",
            new { network = new { name = "Buurthuis", kind = "informal" }, participantIds = new[] { z }, purpose = $"Klusjes voor {zeynep.Email}" })).ShouldBe(200);
        var agreement = (Guid)(await Drive(caseworker, "POST", one + "/agreements", c + "/agreements",
            new { parties = new[] { z, h }, gives = $"{zeynep.Name} kookt", receives = $"{henk.Name} klust" })).ShouldBe(200).Json["agreementId"]!;
        var second = (Guid)(await caseworker.Post(c + "/agreements", new { parties = new[] { h }, gives = $"{henk.Phone} bellen" })).ShouldBe(200).Json["agreementId"]!;
        (await Drive(caseworker, "POST", one + "/agreements/{agreementId:id}/fulfil", $"{c}/agreements/{agreement}/fulfil", new { note = $"Gedaan door {zeynep.Name}" })).ShouldBe(200);
        (await Drive(caseworker, "POST", one + "/agreements/{agreementId:id}/break", $"{c}/agreements/{second}/break", new { note = $"{henk.Name} ziek" })).ShouldBe(200);
        (await Drive(caseworker, "POST", one + "/assign", c + "/assign", new { owner = "piet" })).ShouldBe(200);
        (await Drive(caseworker, "POST", one + "/phase", c + "/phase", new { to = "strengthen" })).ShouldBe(200);
        (await Drive(caseworker, "POST", one + "/participants/{participantId:id}/leave", $"{c}/participants/{h}/leave", new { reason = $"{henk.Name} verhuist" })).ShouldBe(200);
        (await Drive(caseworker, "POST", one + "/close", c + "/close", new { outcome = "stopped", summary = "Gestopt" })).ShouldBe(200);
        (await Drive(caseworker, "POST", one + "/reopen", c + "/reopen", new { reason = "Toch door" })).ShouldBe(200);
        (await Drive(caseworker, "POST", one + "/suspend", c + "/suspend", new { reason = $"{zeynep.Name} is in het buitenland" })).ShouldBe(200);
        (await Drive(caseworker, "POST", one + "/resume", c + "/resume", new { note = $"{zeynep.Name} is terug" })).ShouldBe(200);
        (await Drive(admin, "PUT", "/api/norms", "/api/norms", new { norms = new[] { new { domain = "*", phase = "*", maxDaysWithoutContact = 14 } } })).ShouldBe(200);

        // Bad input carrying personal data: problems, never echoes or log lines.
        (await caseworker.Post(c + "/participants", new { role = "parent", displayName = zeynep.Name + new string('x', 300), contact = new { phone = zeynep.Phone } })).ShouldBeProblem(400);
        (await caseworker.PostRaw(c + "/participants", $$$"""{"role": "boss", "displayName": "{{{zeynep.Name}}}", "contact": {"email": "{{{zeynep.Email}}}"}}""")).ShouldBeProblem(400);
        (await caseworker.PostRaw(c + "/contacts", $$"""{"summary": "{{zeynep.Name}}", "participantIds": 5}""")).ShouldBeProblem(400);
        (await caseworker.PostRaw(c + "/strengths", $$"""{"description": "{{zeynep.Phone}}" """)).ShouldBeProblem(400);

        foreach (var (route, url) in new[]
        {
            (one, c), (cases, $"{cases}?q={Uri.EscapeDataString("Voetbal")}"), (one + "/history", c + "/history"), (one + "/state", c + "/state?version=3"),
            (one + "/verify", c + "/verify"), ("/api/audit", $"/api/audit?caseId={caseId}"), ("/api/audit/export", $"/api/audit/export?caseId={caseId}"),
            ("/api/cases/export.csv", "/api/cases/export.csv"), ("/api/dashboard", "/api/dashboard"), ("/api/networks", "/api/networks"), ("/api/events", "/api/events?after=0"),
            ("/api/openapi.json", "/api/openapi.json"), ("/api/norms", "/api/norms"), ("/api/norms/history", "/api/norms/history"), ("/api/worklist", "/api/worklist"),
            ("/api/insights", "/api/insights"), ("/api/insights/export.csv", "/api/insights/export.csv"),
            (one + "/participants/{participantId:id}/data", $"{c}/participants/{z}/data?format=ndjson"),
            ("/api/processing-log", $"/api/processing-log?dataSubjectId={z}"), ("/api/processing-log/export", $"/api/processing-log/export?caseId={caseId}"),
        })
            (await Drive(admin, "GET", route, url)).ShouldBe(200);

        // Networks hold no personal data; their routes are driven all the same, so none of them logs what it is given.
        const string networks = "/api/networks", network = "/api/networks/{networkId:id}";
        var manager = caseworker.WithRoles(Roles.Manager);
        var club = (Guid)(await Drive(manager, "POST", networks, networks,
            new { name = "Kookclub De Pan", kind = "informal", activeIn = new[] { new { code = "E38", name = "Slotermeer-Noordoost", district = "Nieuw-West" } } }))
            .ShouldBe(201).Json["id"]!;
        var other = (Guid)(await manager.Post(networks,
            new { name = "Kookclub de Pan (oud)", kind = "informal", activeIn = new[] { new { code = "E38", name = "Slotermeer-Noordoost", district = "Nieuw-West" } } }))
            .ShouldBe(201).Json["id"]!;
        (await Drive(manager, "GET", network, $"{networks}/{club}")).ShouldBe(200);
        (await Drive(manager, "POST", network + "/update", $"{networks}/{club}/update", new { description = "Koken op vrijdag" })).ShouldBe(200);
        (await Drive(manager, "POST", network + "/retire", $"{networks}/{club}/retire", new { reason = "Zomerstop" })).ShouldBe(200);
        (await Drive(manager, "POST", network + "/reactivate", $"{networks}/{club}/reactivate", new { reason = "Weer open" })).ShouldBe(200);
        (await Drive(manager, "POST", network + "/merge", $"{networks}/{other}/merge", new { into = club })).ShouldBe(200);

        const string subscriptions = "/api/subscriptions", subscription = "/api/subscriptions/{subscriptionId:id}";
        var id = (Guid)(await Drive(admin, "POST", subscriptions, subscriptions, new { callbackUrl = "http://127.0.0.1:9/hook", eventTypes = new[] { "*" } })).ShouldBe(201).Json["id"]!;
        var s = $"{subscriptions}/{id}";
        (await Drive(admin, "GET", subscriptions, subscriptions)).ShouldBe(200);
        (await Drive(admin, "GET", subscription, s)).ShouldBe(200);
        (await Drive(admin, "GET", subscription + "/deliveries", s + "/deliveries")).ShouldBe(200);
        (await Drive(admin, "POST", subscription + "/enable", s + "/enable")).ShouldBe(200);
        (await Drive(admin, "POST", subscription + "/replay", s + "/replay", new { fromPosition = 1 })).ShouldBe(202);
        (await caseworker.Post(c + "/assign", new { owner = "anna" })).ShouldBe(200);
        (await Drive(admin, "POST", one + "/participants/{participantId:id}/erase", $"{c}/participants/{z}/erase")).ShouldBe(200);
        (await Drive(admin, "DELETE", subscription, s)).ShouldBe(204);

        // Destruction lists: nothing is due yet here, so each route answers as it does for a list that is not (or not yet) there.
        const string lists = "/api/destruction-lists", list = "/api/destruction-lists/{listId:id}";
        var unknown = $"{lists}/{Guid.NewGuid()}";
        (await Drive(admin, "POST", lists, lists)).ShouldBeProblem(409, "nothing-due");
        (await Drive(admin, "GET", lists, lists)).ShouldBe(200);
        (await Drive(admin, "GET", list, unknown)).ShouldBeProblem(404);
        (await Drive(admin, "GET", list + "/report", unknown + "/report")).ShouldBeProblem(404);
        (await Drive(admin, "POST", list + "/items/{caseId:id}/exclude", $"{unknown}/items/{caseId}/exclude", new { reason = $"{zeynep.Name} maakt bezwaar" })).ShouldBeProblem(404);
        (await Drive(admin, "POST", list + "/approve", unknown + "/approve")).ShouldBeProblem(404);

        Assert.Empty(ApiRoutes().Except(_driven));
        var logs = string.Join('\n', api.LogLines);
        Assert.Contains(api.LogLines, line => line.StartsWith("Trace ", StringComparison.Ordinal));
        foreach (var trace in zeynep.Traces.Concat(henk.Traces))
            Assert.False(logs.Contains(trace, StringComparison.OrdinalIgnoreCase), $"'{trace}' was logged:\n{string.Join('\n', api.LogLines.Where(l => l.Contains(trace, StringComparison.OrdinalIgnoreCase)).Take(3))}");
    }

    private IEnumerable<string> ApiRoutes() =>
        from endpoint in api.Host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
        where endpoint.RoutePattern.RawText?.StartsWith("/api", StringComparison.Ordinal) == true
        from method in endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? []
        select $"{method} {endpoint.RoutePattern.RawText}";
}
