using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Participation.Host.Security;
using Participation.Host.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Participation.Host.Tests.Pages;

[Collection(PagesCollection.Name)]
public sealed class CasePageTests(PagesFixture pages)
{
    [Fact]
    public async Task An_auditor_sees_the_history_as_a_timeline_in_version_order_with_who_when_and_the_stored_type()
    {
        var token = await pages.TokenAsync("ruud", Roles.Auditor);
        using var api = pages.Api(token);
        var caseId = await ClosedCaseAsync(api);
        var history = (await api.GetFromJsonAsync<JsonArray>($"/api/cases/{caseId}/history"))!;

        var page = await pages.OpenAsync($"/app/cases/{caseId}", token);
        var events = page.Locator("[data-figure=timeline] > li");
        await Expect(events).ToHaveCountAsync(history.Count);

        Assert.Equal(Enumerable.Range(1, history.Count).Select(v => v.ToString()), await events.EvaluateAllAsync<string[]>("items => items.map(i => i.dataset.version)"));
        Assert.Equal(history.Select(e => e!["type"]!.GetValue<string>()), await events.EvaluateAllAsync<string[]>("items => items.map(i => i.dataset.type)"));
        var first = events.First;
        await Expect(first.GetByRole(AriaRole.Heading)).ToHaveTextAsync("Versie 1: Casus geopend case_opened");
        await Expect(first).ToContainTextAsync(history[0]!["user"]!.GetValue<string>());
        await Expect(first).ToContainTextAsync(history[0]!["correlationId"]!.GetValue<string>());
        await Expect(events.Last.GetByRole(AriaRole.Heading)).ToContainTextAsync("Casus gesloten case_closed");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_version_slider_shows_the_state_at_the_chosen_version()
    {
        var token = await pages.TokenAsync("ruud", Roles.Auditor);
        using var api = pages.Api(token);
        var caseId = await ClosedCaseAsync(api);
        var page = await pages.OpenAsync($"/app/cases/{caseId}", token);
        var slider = page.GetByRole(AriaRole.Slider, new() { Name = "Versie" });
        var latest = (await api.GetFromJsonAsync<JsonObject>($"/api/cases/{caseId}"))!["version"]!.GetValue<int>();
        await Expect(page.Locator("[data-state-version]")).ToHaveAttributeAsync("data-state-version", latest.ToString());

        await slider.FocusAsync();
        await page.Keyboard.PressAsync("Home");
        await Expect(page.Locator("[data-state-version]")).ToHaveAttributeAsync("data-state-version", "1");
        await Expect(page.Locator("[data-state-version] [data-field=phase]")).ToHaveTextAsync("Aanspreken");
        await Expect(page.Locator("[data-state-version] [data-field=status]")).ToHaveTextAsync("Open");

        await page.Keyboard.PressAsync("ArrowRight");
        await page.Keyboard.PressAsync("ArrowRight");
        var third = (await api.GetFromJsonAsync<JsonObject>($"/api/cases/{caseId}/state?version=3"))!;
        await Expect(page.Locator("[data-state-version]")).ToHaveAttributeAsync("data-state-version", "3");
        await Expect(page.Locator("[data-state-version] .case-part h4").First).ToHaveTextAsync($"Deelnemers ({third["participants"]!.AsArray().Count})");

        await page.GetByRole(AriaRole.Button, new() { Name = $"Toon toestand na versie {latest}" }).ClickAsync();
        await Expect(slider).ToBeFocusedAsync();
        await Expect(page.Locator("[data-state-version]")).ToHaveAttributeAsync("data-state-version", latest.ToString());
        await Expect(page.Locator("[data-state-version] [data-field=status]")).ToHaveTextAsync("Gesloten");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_verify_badge_says_intact_for_a_history_as_written()
    {
        var token = await pages.TokenAsync("ruud", Roles.Auditor);
        using var api = pages.Api(token);
        var page = await pages.OpenAsync($"/app/cases/{await ClosedCaseAsync(api)}", token);

        await Expect(page.Locator("[data-verify]")).ToHaveAttributeAsync("data-verify", "intact");
        await Expect(page.Locator("[data-verify]")).ToHaveTextAsync("Controle van de geschiedenis: Geschiedenis intact");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_verify_badge_names_the_first_version_changed_under_the_api()
    {
        var tenant = "t-" + Guid.NewGuid().ToString("N")[..12];
        using var caseworker = pages.Api(await pages.TokenInTenantAsync("fatima", tenant, Roles.Caseworker));
        var opened = await caseworker.PostAsJsonAsync("/api/cases", new
        {
            domain = "sport", neighbourhood = new { code = "F76", name = "Slotermeer-Noordoost", district = "Nieuw-West" }, title = "Voetbal op het plein",
        });
        var caseId = (await opened.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
        (await caseworker.PostAsJsonAsync($"/api/cases/{caseId}/assign", new { owner = "fatima" })).EnsureSuccessStatusCode();
        await Sql.ExecuteAsync($"update {PagesFixture.Schema}.mt_events set user_name = 'mallory' where stream_id = '{caseId}' and version = 2");

        var page = await pages.OpenAsync($"/app/cases/{caseId}", await pages.TokenInTenantAsync("ruud", tenant, Roles.Auditor));

        await Expect(page.Locator("[data-verify]")).ToHaveAttributeAsync("data-verify", "broken");
        await Expect(page.Locator("[data-verify]")).ToHaveTextAsync("Controle van de geschiedenis: Gewijzigd bij versie 2");
        await PagesFixture.ScreenshotAsync(page, "case-changed-under-the-api");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_audit_log_export_downloads_the_cases_events_as_ndjson()
    {
        var token = await pages.TokenAsync("ruud", Roles.Auditor);
        using var api = pages.Api(token);
        var caseId = await ClosedCaseAsync(api);
        var page = await pages.OpenAsync($"/app/cases/{caseId}", token);

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Exporteer auditlog (NDJSON)" }).ClickAsync());

        Assert.Equal($"audit-{caseId}.ndjson", download.SuggestedFilename);
        var lines = (await File.ReadAllLinesAsync((await download.PathAsync())!)).Where(l => l.Length > 0).Select(l => JsonNode.Parse(l)!).ToList();
        var history = (await api.GetFromJsonAsync<JsonArray>($"/api/cases/{caseId}/history"))!;
        Assert.Equal(history.Select(e => e!["version"]!.ToString()), lines.Select(l => l["version"]!.ToString()));
        Assert.All(lines, l => Assert.Equal(caseId, l["caseId"]!.GetValue<string>()));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task An_auditor_sees_who_processed_whose_data_by_name_where_the_case_shows_it_and_by_id_once_erased()
    {
        var tenant = "t-" + Guid.NewGuid().ToString("N")[..12];
        using var admin = pages.Api(await pages.TokenInTenantAsync("fatima", tenant, Roles.Caseworker, Roles.Admin));
        var opened = await admin.PostAsJsonAsync("/api/cases", new
        {
            domain = "sport", neighbourhood = new { code = "F76", name = "Slotermeer-Noordoost", district = "Nieuw-West" }, title = "Voetbal op het plein",
        });
        var caseId = (await opened.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
        async Task<string> Join(string name) =>
            (await (await admin.PostAsJsonAsync($"/api/cases/{caseId}/participants", new { role = "parent", displayName = name })).Content
                .ReadFromJsonAsync<JsonObject>())!["participantId"]!.GetValue<string>();
        await Join("Henk de Vries");
        var erased = await Join("Zeynep Kaya");
        (await admin.PostAsJsonAsync($"/api/cases/{caseId}/participants/{erased}/erase", new { })).EnsureSuccessStatusCode();

        var page = await pages.OpenAsync($"/app/cases/{caseId}", await pages.TokenInTenantAsync("ruud", tenant, Roles.Auditor));
        var rows = page.Locator("[data-figure=processing-log] tbody tr");
        // This auditor's own look at the case is there (Henk's data only: Zeynep's is gone), shown by Henk's name; adding Zeynep
        // and erasing her are there by her id. (The history and the state the page loads beside it may or may not be yet.)
        var look = rows.Filter(new() { HasText = "Casus bekeken" }).Filter(new() { HasText = "ruud" });
        await Expect(look).ToHaveCountAsync(1);
        await Expect(look.Locator("[data-field=subject]")).ToHaveTextAsync("Henk de Vries");
        await Expect(page.Locator($"[data-figure=processing-log] tr[data-subject='{erased}'] [data-field=subject]")).ToHaveTextAsync([erased, erased]);
        await Expect(page.Locator("[data-figure=processing-log]")).Not.ToContainTextAsync("Zeynep");
        await page.Context.CloseAsync();
    }

    /// <summary>A closed case of the demo tenant: the longest histories, from case_opened to case_closed.</summary>
    public static async Task<string> ClosedCaseAsync(HttpClient api) =>
        (await api.GetFromJsonAsync<JsonObject>("/api/cases?status=closed&sort=openedAt&pageSize=1"))!["items"]![0]!["id"]!.GetValue<string>();
}
