using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Participation.Host.Security;
using static Microsoft.Playwright.Assertions;

namespace Participation.Host.Tests.Pages;

/// <summary>
/// The social map: the list of networks, a network's page, and registering, editing, merging, retiring and reactivating
/// networks from the pages. Tests that change networks do so in a tenant of their own; the demo tenant's map stays as seeded.
/// </summary>
[Collection(PagesCollection.Name)]
public sealed partial class NetworkPagesTests(PagesFixture pages)
{
    [Fact]
    public async Task The_map_lists_the_apis_networks_with_their_reach_and_filters_them_as_the_api_does()
    {
        var token = await pages.TokenAsync("marieke", Roles.Manager);
        using var api = pages.Api(token);
        var page = await pages.OpenAsync("/app/networks", token);

        var all = (await api.GetFromJsonAsync<JsonObject>("/api/v1/networks?pageSize=25"))!;
        await Expect(page.Locator("[data-figure=total]")).ToHaveTextAsync($"{all["total"]} netwerken");
        Assert.Equal(all["items"]!.AsArray().Ids(), await ShownIdsAsync(page));
        var first = all["items"]![0]!;
        var reach = new[] { "cases", "openCases", "participants" }.Select(f => first[f]!.ToString())
            .Concat(new[] { "fulfilled", "open", "broken" }.Select(f => first["agreements"]![f]!.ToString()));
        Assert.Equal(reach, (await page.Locator("[data-figure=networks] tbody tr").First.Locator("td.number").AllTextContentsAsync()));

        await page.GetByLabel("Stadsdeel").SelectOptionAsync("Nieuw-West");
        await page.GetByLabel("Buurt", new() { Exact = true }).SelectOptionAsync("F76");
        await page.GetByLabel("Soort").SelectOptionAsync("faith");
        await page.GetByRole(AriaRole.Button, new() { Name = "Toon netwerken" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Uri(pages.Address, "/app/networks?district=Nieuw-West&neighbourhood=F76&kind=faith&sort=-cases").ToString());
        var filtered = (await api.GetFromJsonAsync<JsonObject>("/api/v1/networks?district=Nieuw-West&neighbourhood=F76&kind=faith&pageSize=25"))!;
        Assert.True(filtered["total"]!.GetValue<int>() > 1, "the seeded map has several faith networks in Slotermeer-Noordoost");
        await Expect(page.Locator("[data-figure=total]")).ToHaveTextAsync($"{filtered["total"]} netwerken");
        Assert.Equal(filtered["items"]!.AsArray().Ids(), await ShownIdsAsync(page));
        Assert.All(await page.Locator("[data-figure=networks] [data-kind]").EvaluateAllAsync<string[]>("cells => cells.map(c => c.dataset.kind)"), k => Assert.Equal("faith", k));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Search_and_sort_show_the_apis_page()
    {
        var token = await pages.TokenAsync("marieke", Roles.Manager);
        using var api = pages.Api(token);
        var page = await pages.OpenAsync("/app/networks", token);
        await Expect(page.Locator("[data-figure=total]")).ToBeVisibleAsync();

        await page.GetByLabel("Zoeken").FillAsync("moskee");
        await page.GetByLabel("Sorteren").SelectOptionAsync("name");
        await page.GetByLabel("Zoeken").PressAsync("Enter");

        await Expect(page).ToHaveURLAsync(new Regex("q=moskee&sort=name$"));
        var found = (await api.GetFromJsonAsync<JsonObject>("/api/v1/networks?q=moskee&sort=name&pageSize=25"))!;
        Assert.True(found["total"]!.GetValue<int>() >= 3, "the mosque and its women's group under two names");
        await Expect(page.Locator("[data-figure=total]")).ToHaveTextAsync($"{found["total"]} netwerken");
        Assert.Equal(found["items"]!.AsArray().Ids(), await ShownIdsAsync(page));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_networks_page_shows_its_reach_by_quarter_as_a_chart_with_its_table_and_links_its_connected_cases()
    {
        var token = await pages.TokenAsync("marieke", Roles.Manager);
        using var api = pages.Api(token);
        var id = (await api.GetFromJsonAsync<JsonObject>("/api/v1/networks?pageSize=1"))!["items"]![0]!["id"]!.GetValue<string>();
        var network = await api.NetworkAsync(id);

        var page = await pages.OpenAsync($"/app/networks/{id}", token);

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Netwerk: {network["name"]}");
        await Expect(page.Locator("[data-figure=cases]")).ToHaveTextAsync(network["cases"]!.ToString());
        await Expect(page.Locator("[data-figure=participants]")).ToHaveTextAsync(network["participants"]!.ToString());
        await Expect(page.Locator("[data-figure=fulfilled]")).ToHaveTextAsync(network["agreements"]!["fulfilled"]!.ToString());
        var quarters = network["reachByQuarter"]!.AsArray();
        Assert.NotEmpty(quarters);
        await Expect(page.Locator(".chart svg")).ToBeVisibleAsync();
        Assert.Equal(quarters.Select(q => QuarterInDutch(q!["quarter"]!.GetValue<string>())),
            await page.Locator("[data-figure=reach-by-quarter] tbody th").AllTextContentsAsync());
        Assert.Equal(quarters.Select(q => new[] { q!["casesConnected"]!.ToString(), q["participantsConnected"]!.ToString(), q["agreementsFulfilled"]!.ToString() }),
            await page.Locator("[data-figure=reach-by-quarter] tbody tr").EvaluateAllAsync<string[][]>("rows => rows.map(r => [...r.querySelectorAll('td')].map(td => td.textContent))"));
        var connected = network["connectedCases"]!.AsArray();
        Assert.Equal(connected.Select(c => $"/app/cases/{c!["caseId"]}"),
            await page.Locator("[data-figure=connected-cases] tbody a").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))"));

        await page.Locator("[data-figure=connected-cases] tbody a").First.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Casus: {connected[0]!["title"]}");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Registering_shows_the_apis_field_errors_at_their_fields_and_a_name_taken_links_to_the_network_that_has_it()
    {
        var token = await pages.TokenAsync("marieke", Roles.Manager);
        using var api = pages.Api(token);
        var page = await pages.OpenAsync("/app/networks/new", token);
        var slotermeer = page.Locator("label", new() { HasText = "Slotermeer-Noordoost (F76)" });
        await Expect(slotermeer).ToBeVisibleAsync();

        // A neighbourhood typed in with its code only: the API names the two fields missing.
        await page.GetByLabel("Naam", new() { Exact = true }).FillAsync("Taalcafé De Punt");
        await page.GetByLabel("Soort").SelectOptionAsync("informal");
        await page.GetByLabel("Buurtcode").FillAsync("F83");
        await page.GetByRole(AriaRole.Button, new() { Name = "Registreren" }).ClickAsync();

        await Expect(page.Locator("#network-added-name-error")).ToHaveTextAsync("Invoerfout: is verplicht");
        await Expect(page.Locator("#network-added-district-error")).ToHaveTextAsync("Invoerfout: is verplicht");
        await Expect(page.GetByLabel("Buurtnaam")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.Locator(".ams-invalid-form-alert")).ToBeFocusedAsync();
        await Expect(page.Locator(".ams-invalid-form-alert a")).ToHaveTextAsync(["Buurtnaam: is verplicht", "Stadsdeel: is verplicht"]);
        Assert.Empty(await Axe.SeriousViolationsAsync(page));
        await PagesFixture.ScreenshotAsync(page, "network-registration-with-errors");

        // No neighbourhood at all.
        await page.GetByLabel("Buurtcode").FillAsync("");
        await page.GetByRole(AriaRole.Button, new() { Name = "Registreren" }).ClickAsync();
        await Expect(page.Locator("#network-activeIn-error")).ToHaveTextAsync("Invoerfout: kies 1 tot 100 buurten");

        // The mosque is on the map already: the page links to it.
        var mosque = (await api.GetFromJsonAsync<JsonObject>("/api/v1/networks?q=Moskee%20Al%20Kabir&kind=faith&pageSize=25"))!["items"]!.AsArray()
            .Single(n => n!["name"]!.GetValue<string>() == "Moskee Al Kabir")!["id"]!.GetValue<string>();
        await page.GetByLabel("Naam", new() { Exact = true }).FillAsync("  moskee al kabir ");
        await page.GetByLabel("Soort").SelectOptionAsync("faith");
        await slotermeer.ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Registreren" }).ClickAsync();

        var problem = page.Locator("[data-problem=network-exists]");
        await Expect(problem).ToBeFocusedAsync();
        await Expect(problem).ToContainTextAsync("Er is al een netwerk met deze naam en soort.");
        await problem.GetByRole(AriaRole.Link, new() { Name = "Bekijk het bestaande netwerk" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Uri(pages.Address, $"/app/networks/{mosque}").ToString());
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Netwerk: Moskee Al Kabir");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task An_edit_of_a_network_someone_changed_meanwhile_is_refused_and_the_form_shows_the_network_as_it_is_now()
    {
        using var tenant = await pages.NewTenantAsync();
        var (token, api) = tenant;
        var id = await api.RegisterNetworkAsync("Vrouwengroep Moskee Slotermeer");
        var page = await pages.OpenAsync($"/app/networks/{id}/edit", token);
        var name = page.GetByLabel("Naam", new() { Exact = true });
        await Expect(name).ToHaveValueAsync("Vrouwengroep Moskee Slotermeer");

        (await api.PostAsJsonAsync($"/api/v1/networks/{id}/update", new { description = "Nu op woensdag" })).EnsureSuccessStatusCode();
        await name.FillAsync("Vrouwengroep Slotermeer");
        await page.GetByRole(AriaRole.Button, new() { Name = "Opslaan" }).ClickAsync();

        var problem = page.Locator("[data-problem='412']");
        await Expect(problem).ToBeFocusedAsync();
        await Expect(problem).ToContainTextAsync("Iemand anders heeft het netwerk intussen gewijzigd.");
        await Expect(page.Locator("[data-version]")).ToHaveAttributeAsync("data-version", "2");
        await Expect(page.GetByLabel("Beschrijving")).ToHaveValueAsync("Nu op woensdag");
        await Expect(name).ToHaveValueAsync("Vrouwengroep Moskee Slotermeer");
        Assert.Equal(("Vrouwengroep Moskee Slotermeer", 2), Described(await api.NetworkAsync(id)));

        await name.FillAsync("Vrouwengroep Slotermeer");
        await page.GetByRole(AriaRole.Button, new() { Name = "Opslaan" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Netwerk: Vrouwengroep Slotermeer");
        var saved = await api.NetworkAsync(id);
        Assert.Equal(("Vrouwengroep Slotermeer", 3), Described(saved));
        Assert.Equal("Nu op woensdag", saved["description"]!.GetValue<string>());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_manager_retires_a_network_with_a_reason_and_makes_it_active_again()
    {
        using var tenant = await pages.NewTenantAsync();
        var (token, api) = tenant;
        var id = await api.RegisterNetworkAsync("Buurtmoeders Slotermeer", kind: "informal");
        var page = await pages.OpenAsync($"/app/networks/{id}", token);
        var reason = page.GetByLabel("Reden");

        await page.GetByRole(AriaRole.Button, new() { Name = "Opheffen" }).ClickAsync();
        await Expect(page.Locator("#status-reason-error")).ToHaveTextAsync("Invoerfout: is verplicht");
        await Expect(reason).ToHaveAttributeAsync("aria-invalid", "true");

        await reason.FillAsync("De groep komt niet meer samen.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Opheffen" }).ClickAsync();
        await Expect(page.Locator("[data-done]")).ToContainTextAsync("Het netwerk is opgeheven.");
        await Expect(page.Locator("[data-field=status]")).ToHaveTextAsync("Opgeheven");
        Assert.Equal("retired", (await api.NetworkAsync(id))["status"]!.GetValue<string>());

        await reason.FillAsync("Een nieuwe trekker gevonden.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Weer actief maken" }).ClickAsync();
        await Expect(page.Locator("[data-done]")).ToContainTextAsync("Het netwerk is weer actief.");
        await Expect(page.Locator("[data-field=status]")).ToHaveTextAsync("Actief");
        Assert.Equal(("active", 3), ((string)(await api.NetworkAsync(id))["status"]!, (int)(await api.NetworkAsync(id))["version"]!));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Merging_asks_to_confirm_first_and_then_the_duplicate_counts_for_the_network_it_went_into()
    {
        using var tenant = await pages.NewTenantAsync();
        var (token, api) = tenant;
        var twin = await api.RegisterNetworkAsync("Vrouwengroep Moskee Slotermeer");
        var duplicate = await api.RegisterNetworkAsync("Moskee Slotermeer vrouwengroep");
        await api.ListedAsync("status=active", items => items.Count == 2);
        var page = await pages.OpenAsync($"/app/networks/{duplicate}", token);

        await page.GetByLabel("Samenvoegen met").SelectOptionAsync(twin);
        await page.GetByRole(AriaRole.Button, new() { Name = "Samenvoegen…" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog).ToContainTextAsync("‘Moskee Slotermeer vrouwengroep’ gaat op in ‘Vrouwengroep Moskee Slotermeer’.");
        Assert.Empty(await Axe.SeriousViolationsAsync(page));
        await PagesFixture.ScreenshotAsync(page, "network-merge-dialog");

        await page.Keyboard.PressAsync("Escape");
        await Expect(dialog).ToBeHiddenAsync();
        Assert.Equal("active", (await api.NetworkAsync(duplicate))["status"]!.GetValue<string>());

        await page.GetByRole(AriaRole.Button, new() { Name = "Samenvoegen…" }).ClickAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Ja, samenvoegen" }).ClickAsync();

        await Expect(page.Locator("[data-done]")).ToContainTextAsync("‘Moskee Slotermeer vrouwengroep’ is samengevoegd met ‘Vrouwengroep Moskee Slotermeer’.");
        await Expect(page.Locator("[data-field=status]")).ToHaveTextAsync("Samengevoegd");
        await Expect(page.Locator($"[data-merged-into='{twin}'] a")).ToHaveTextAsync("Vrouwengroep Moskee Slotermeer");
        var merged = await api.NetworkAsync(duplicate);
        Assert.Equal(("merged", twin), (merged["status"]!.GetValue<string>(), merged["mergedInto"]!.GetValue<string>()));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_caseworker_may_register_and_edit_networks_and_an_auditor_only_reads_them()
    {
        var caseworker = await pages.OpenAsync("/app/networks", await pages.TokenAsync("fatima", Roles.Caseworker));
        await Expect(caseworker.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Netwerken" })).ToBeVisibleAsync();
        await caseworker.GetByRole(AriaRole.Link, new() { Name = "Netwerk registreren" }).ClickAsync();
        await Expect(caseworker.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Netwerk registreren");
        await caseworker.GoBackAsync();
        await caseworker.Locator("[data-figure=networks] tbody a").First.ClickAsync();
        await Expect(caseworker.GetByRole(AriaRole.Link, new() { Name = "Netwerk bewerken" })).ToBeVisibleAsync();
        await Expect(caseworker.GetByRole(AriaRole.Heading, new() { Name = "Beheer" })).ToHaveCountAsync(0);
        await caseworker.Context.CloseAsync();

        var auditorToken = await pages.TokenAsync("ruud", Roles.Auditor);
        var auditor = await pages.OpenAsync("/app/networks", auditorToken);
        await auditor.Locator("[data-figure=networks] tbody a").First.ClickAsync();
        await Expect(auditor.Locator("[data-figure=cases]")).ToBeVisibleAsync();
        await Expect(auditor.GetByRole(AriaRole.Link, new() { Name = "Netwerk bewerken" })).ToHaveCountAsync(0);
        await Expect(auditor.GetByRole(AriaRole.Heading, new() { Name = "Beheer" })).ToHaveCountAsync(0);
        await auditor.Context.CloseAsync();

        var registering = await pages.OpenAsync("/app/networks/new", auditorToken);
        await Expect(registering.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Geen toegang");
        await registering.Context.CloseAsync();
    }

    /// <summary>The ids of the networks the page's table shows, in its order.</summary>
    private static Task<string[]> ShownIdsAsync(IPage page) =>
        page.Locator("[data-figure=networks] tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.network)");

    private static (string Name, int Version) Described(JsonObject network) => (network["name"]!.GetValue<string>(), network["version"]!.GetValue<int>());

    /// <summary>How the page writes a quarter of the API (<c>2026-Q3</c>): "3e kwartaal 2026".</summary>
    private static string QuarterInDutch(string quarter) => QuarterPattern().Replace(quarter, "$2e kwartaal $1");

    [GeneratedRegex(@"^(\d{4})-Q([1-4])$")]
    private static partial Regex QuarterPattern();
}
