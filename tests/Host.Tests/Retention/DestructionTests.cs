using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Routing;
using Participation.Host.Security;
using Participation.Host.Tests.Support;

namespace Participation.Host.Tests.Retention;

[Collection(RetentionCollection.Name)]
public sealed class DestructionTests(RetentionFixture retention)
{
    private static readonly TimeSpan EightYears = TimeSpan.FromDays(8 * 365 + 2);

    [Fact]
    public async Task A_list_of_the_due_cases_is_approved_by_a_second_person_and_its_cases_are_gone_from_every_route_and_table()
    {
        var tenant = retention.NewTenantAtStart();
        var admin = retention.Caller(tenant, "anna", Roles.Admin);
        var auditor = retention.Caller(tenant, "piet", Roles.Auditor);
        var caseworker = retention.Caller(tenant, "sara", Roles.Caseworker);
        var created = (await caseworker.Post("/api/cases", Scenarios.NewCase(), ("Idempotency-Key", "open-" + Guid.NewGuid()))).ShouldBe(201);
        var doomed = (Guid)created.Json["id"]!;
        var parent = await caseworker.AddParticipant(doomed);
        await caseworker.RecordContact(doomed, parent);
        await caseworker.RecordStrength(doomed, parent);
        await caseworker.Connect(doomed, parent);
        var agreement = (Guid)(await caseworker.Post($"/api/cases/{doomed}/agreements", new { parties = new[] { parent }, gives = "Kookt" })).ShouldBe(200).Json["agreementId"]!;
        var kept = await caseworker.OpenCase();
        var young = await caseworker.OpenCase(Scenarios.NewCase(domain: "jeugdzorg"));
        var open = await caseworker.OpenCase();
        foreach (var id in new[] { doomed, kept, young })
            (await caseworker.Post($"/api/cases/{id}/close", new { outcome = id == doomed ? "achieved" : "stopped", summary = "Klaar" })).ShouldBe(200);
        await retention.CatchUp();

        (await admin.Post("/api/destruction-lists", new { })).ShouldBeProblem(409, "nothing-due");
        retention.Clock.Advance(EightYears);
        var proposed = (await admin.Post("/api/destruction-lists", new { })).ShouldBe(201).Json;
        var listId = (Guid)proposed["id"]!;
        Assert.Equal(("proposed", "anna"), ((string?)proposed["status"], (string?)proposed["author"]));
        Assert.Equal(new[] { doomed, kept }.Order(), proposed["items"]!.AsArray().Select(i => (Guid)i!["caseId"]!).Order());
        Assert.DoesNotContain(young, proposed["items"]!.AsArray().Select(i => (Guid)i!["caseId"]!));
        Assert.DoesNotContain(open, proposed["items"]!.AsArray().Select(i => (Guid)i!["caseId"]!));
        var item = proposed["items"]!.AsArray().Single(i => (Guid)i!["caseId"]! == doomed)!;
        Assert.Equal(("sport", "E38", "achieved"), ((string?)item["domain"], (string?)item["neighbourhood"]!["code"], (string?)item["outcome"]));
        Assert.Equal(DateOnly.FromDateTime(retention.Start.AddYears(7).UtcDateTime).ToString("yyyy-MM-dd"), (string?)item["retentionEndedOn"]);
        (await admin.Post("/api/destruction-lists", new { })).ShouldBeProblem(409, "nothing-due");

        (await admin.Post($"/api/destruction-lists/{listId}/items/{kept}/exclude", new { reason = " " })).ShouldBeBadRequest(validation: true, "reason");
        (await admin.Post($"/api/destruction-lists/{listId}/items/{open}/exclude", new { reason = "Bezwaar" })).ShouldBeProblem(409, "case-not-on-list");
        (await admin.Post($"/api/destruction-lists/{Guid.NewGuid()}/items/{kept}/exclude", new { reason = "Bezwaar" })).ShouldBeProblem(404);
        var excluded = (await admin.Post($"/api/destruction-lists/{listId}/items/{kept}/exclude", new { reason = "Lopend bezwaar" })).ShouldBe(200).Json;
        Assert.Equal(("excluded", "Lopend bezwaar"), ((string?)excluded["items"]!.AsArray().Single(i => (Guid)i!["caseId"]! == kept)!["status"],
            (string?)excluded["items"]!.AsArray().Single(i => (Guid)i!["caseId"]! == kept)!["reason"]));

        // Four-eyes: the author may not approve, and the refusal appends nothing.
        var refused = (await retention.Caller(tenant, "anna", Roles.Admin, Roles.Auditor).Post($"/api/destruction-lists/{listId}/approve", new { })).ShouldBeProblem(403, "four-eyes");
        refused.ShouldHaveCleanDetail();
        (await caseworker.Post($"/api/destruction-lists/{listId}/approve", new { })).ShouldBe(403);
        var unchanged = (await auditor.Get($"/api/destruction-lists/{listId}")).ShouldBe(200).Json;
        Assert.Equal(("proposed", (long)excluded["version"]!), ((string?)unchanged["status"], (long)unchanged["version"]!));

        var approved = (await auditor.Post($"/api/destruction-lists/{listId}/approve", new { })).ShouldBe(202);
        Assert.Equal(("destroying", "piet"), ((string?)approved.Json["status"], (string?)approved.Json["approver"]));
        Assert.EndsWith($"/api/destruction-lists/{listId}", approved.Location);
        (await admin.Post($"/api/destruction-lists/{listId}/items/{doomed}/exclude", new { reason = "Te laat" })).ShouldBeProblem(409, "list-not-proposed");
        var destroyed = await retention.Destroyed(auditor, listId);
        Assert.NotNull(destroyed["destroyedAt"]);
        Assert.NotNull(destroyed["items"]!.AsArray().Single(i => (Guid)i!["caseId"]! == doomed)!["destroyedAt"]);
        Assert.Null(destroyed["items"]!.AsArray().Single(i => (Guid)i!["caseId"]! == kept)!["destroyedAt"]);

        // Every route of the destroyed case answers 410 naming the list; another tenant still learns nothing (404).
        var everyone = retention.Caller(tenant, "anna", Roles.All);
        foreach (var (method, url) in CaseRoutes(doomed, parent, agreement))
        {
            var answer = method == "GET" ? await everyone.Get(url) : await everyone.Post(url, AnyCommand(parent));
            var problem = answer.ShouldBeProblem(410, "case-destroyed");
            Assert.True((Guid)problem["listId"]! == listId, $"{method} {url}: {answer.Body}");
        }
        (await retention.Caller("t-" + Guid.NewGuid().ToString("N")[..12], "anna", Roles.Admin).Get($"/api/cases/{doomed}")).ShouldBeProblem(404);
        (await caseworker.Get($"/api/cases/{kept}")).ShouldBe(200);
        var ready = (await caseworker.Get("/health/ready", ("Authorization", ""))).ShouldBe(200).Json["checks"]!.AsArray();
        Assert.Equal("Healthy", (string?)ready.Single(c => (string?)c!["name"] == "destruction")!["status"]);
        Assert.True((bool)(await auditor.Get($"/api/cases/{kept}/verify")).ShouldBe(200).Json["intact"]!);

        // No row of its own is left in any table; the declaration (the list's stream and document) remains.
        Assert.Empty(await OwnRows.Naming(retention.Schema, doomed, Declaration(retention.Schema, listId)));
        Assert.Superset(new HashSet<string> { "mt_events", "mt_doc_destructionlist" },
            (await OwnRows.Naming(retention.Schema, doomed, new Dictionary<string, string>())).Keys.ToHashSet());
        var report = (await auditor.Get($"/api/destruction-lists/{listId}/report")).ShouldBe(200);
        Assert.StartsWith("text/csv", report.ContentType);
        var line = report.Body.Split("\r\n").Single(l => l.Contains(doomed.ToString()));
        Assert.Contains(",sport,E38,Slotermeer-Noordoost,Nieuw-West,", line);
        Assert.Contains(",destroyed,", line);
        Assert.Contains(",anna,", line);
        Assert.Contains(",piet,", line);
        Assert.Contains(report.Body.Split("\r\n"), l => l.Contains(kept.ToString()) && l.Contains("Lopend bezwaar"));
    }

    /// <summary>
    /// The rows a declaration keeps on purpose: the list's own events (its proposal names the case, its <c>case_destroyed</c> the
    /// facts the figures need) and its document; and the destroyed notification's own rows (waiting, and its delivery log).
    /// </summary>
    public static IReadOnlyDictionary<string, string> Declaration(string schema, Guid listId) => new Dictionary<string, string>
    {
        ["mt_events"] = $"stream_id = '{listId}'",
        ["mt_doc_destructionlist"] = $"id = '{listId}'",
        ["notification_outbox"] = "type = 'destroyed'",
        ["notification_deliveries"] = $"event_id in (select id from {schema}.mt_events where stream_id = '{listId}')",
    };

    /// <summary>One body every case command reads as valid (each takes its own fields and skips the others).</summary>
    private static object AnyCommand(Guid participant) => new
    {
        parties = new[] { participant }, gives = "Kookt", note = "Gedaan", owner = "piet", outcome = "stopped", summary = "Klaar", reason = "Bezwaar",
        participantIds = new[] { participant }, purpose = "Klussen", network = new { name = "Buurthuis", kind = "informal" }, participantId = participant,
        moment = "intake", measuredOn = "2026-01-05", domains = new[] { new { domain = "housing", level = 2, ownShare = 40, networkShare = 10, professionalShare = 50 } },
        role = "parent", displayName = "Fatima", to = "strengthen", occurredAt = DateTimeOffset.UtcNow.AddHours(-1), kind = "home-visit", category = "skills",
        description = "Kan organiseren",
    };

    /// <summary>Every API route under <c>/api/cases/{caseId}</c>, with the ids filled in.</summary>
    private IEnumerable<(string Method, string Url)> CaseRoutes(Guid caseId, Guid participantId, Guid agreementId) =>
        from endpoint in retention.Host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
        let route = endpoint.RoutePattern.RawText
        where route?.StartsWith("/api/cases/{caseId", StringComparison.Ordinal) == true
        from method in endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []
        select (method, route.Replace("{caseId:id}", caseId.ToString()).Replace("{participantId:id}", participantId.ToString())
            .Replace("{agreementId:id}", agreementId.ToString()) + (route.EndsWith("/state", StringComparison.Ordinal) ? "?version=1" : ""));
}
