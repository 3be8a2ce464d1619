using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Participation.Host.Security;
using static Microsoft.Playwright.Assertions;

namespace Participation.Host.Tests.Pages;

/// <summary>What a manager and an auditor do on the dashboard, the networks and a case, with Tab, Enter, typing and the arrow keys only.</summary>
[Collection(PagesCollection.Name)]
public sealed class KeyboardOnlyTests(PagesFixture pages)
{
    [Fact]
    public async Task With_the_keyboard_alone_a_manager_opens_a_stalled_case_from_the_dashboard_and_goes_on_to_the_networks()
    {
        var token = await pages.TokenAsync("marieke", Roles.Manager);
        var page = await pages.OpenAsync("/app/", token);
        await Expect(page.Locator("[data-figure=stalled-cases] a").First).ToBeVisibleAsync();

        await Keyboard.TabToAsync(page, "[data-figure=stalled-cases] a", maxPresses: 200);
        var href = await page.EvaluateAsync<string>("document.activeElement.getAttribute('href')");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(new Uri(pages.Address, href).ToString());
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Casus: ");

        await Keyboard.TabToAsync(page, "a[href$='/networks']");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Netwerken");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task With_the_keyboard_alone_an_auditor_exports_the_log_steps_through_the_versions_and_opens_one_from_the_timeline()
    {
        var token = await pages.TokenAsync("ruud", Roles.Auditor);
        using var api = pages.Api(token);
        var caseId = await CasePageTests.ClosedCaseAsync(api);
        var page = await pages.OpenAsync($"/app/cases/{caseId}", token);
        await Expect(page.GetByRole(AriaRole.Slider, new() { Name = "Versie" })).ToBeVisibleAsync();

        // In the page's order: the export, the version slider, the timeline.
        var download = await page.RunAndWaitForDownloadAsync(async () =>
        {
            await Keyboard.TabToAsync(page, ".audit__actions button", maxPresses: 200);
            await page.Keyboard.PressAsync("Enter");
        });
        Assert.Equal($"audit-{caseId}.ndjson", download.SuggestedFilename);
        var first = JsonNode.Parse((await File.ReadAllLinesAsync((await download.PathAsync())!))[0])!;
        Assert.Equal(caseId, first["caseId"]!.GetValue<string>());

        await Keyboard.TabToAsync(page, "input[type=range]");
        await page.Keyboard.PressAsync("Home");
        await page.Keyboard.PressAsync("ArrowRight");
        await Expect(page.Locator("[data-state-version]")).ToHaveAttributeAsync("data-state-version", "2");

        await Keyboard.TabToAsync(page, "[data-figure=timeline] > li[data-version='3'] button", maxPresses: 300);
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("[data-state-version]")).ToHaveAttributeAsync("data-state-version", "3");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task With_the_keyboard_alone_a_manager_opens_eigen_kracht_in_beeld_chooses_a_neighbourhood_and_a_life_domain()
    {
        var token = await pages.TokenAsync("marieke", Roles.Manager);
        var page = await pages.OpenAsync("/app/", token);
        await Expect(page.Locator("[data-figure=open]")).ToBeVisibleAsync();

        await Keyboard.TabToAsync(page, "a[href$='/insights']");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Eigen Kracht in Beeld");
        await Expect(page.Locator("#filter-neighbourhood option[value=F76]")).ToBeAttachedAsync();

        await Keyboard.TabToAsync(page, "#filter-neighbourhood");
        await page.Keyboard.TypeAsync("Slotermeer-N"); // a select takes the option whose text starts with what is typed
        await Expect(page.Locator("#filter-neighbourhood")).ToHaveValueAsync("F76");
        await Keyboard.TabToAsync(page, "form[aria-label=Filters] button[type=submit]");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(new Regex("/app/insights\\?.*neighbourhood=F76"));
        await Expect(page.Locator("#domains-heading")).ToHaveTextAsync("Zelfredzaamheid per leefgebied: Slotermeer-Noordoost (F76)");

        await Expect(page.Locator("#life-domain")).ToBeVisibleAsync();
        var levelsTitle = page.Locator("section.chart:has([data-figure=levels-chart]) h2");
        var before = await levelsTitle.TextContentAsync();
        await Keyboard.TabToAsync(page, "#life-domain", maxPresses: 200);
        await page.Keyboard.PressAsync("ArrowDown");
        await Expect(levelsTitle).Not.ToHaveTextAsync(before!);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_skip_link_takes_the_keyboard_past_the_menu_to_the_page_itself()
    {
        var page = await pages.OpenAsync("/app/networks", await pages.TokenAsync("marieke", Roles.Manager));
        await Expect(page.Locator("[data-figure=total]")).ToBeVisibleAsync();

        await page.Keyboard.PressAsync("Tab");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Direct naar de inhoud" })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await page.Keyboard.PressAsync("Tab");

        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Netwerk registreren" })).ToBeFocusedAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task With_the_keyboard_alone_a_manager_registers_a_network_and_edits_it()
    {
        using var tenant = await pages.NewTenantAsync();
        var page = await pages.OpenAsync("/app/networks", tenant.Token);
        await Expect(page.Locator("[data-figure=total]")).ToHaveTextAsync("0 netwerken");

        await Keyboard.TabToAsync(page, "a[href='/app/networks/new']");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Netwerk registreren");
        await Keyboard.TabToAsync(page, "#network-name");
        await page.Keyboard.TypeAsync("Vrouwengroep Moskee Slotermeer");
        await Keyboard.TabToAsync(page, "#network-kind");
        await page.Keyboard.TypeAsync("Gel"); // a closed select picks the option whose text starts with what is typed
        // A new tenant's map has no neighbourhoods yet to tick: this one is typed in.
        await Keyboard.TabToAsync(page, "#network-added-code");
        await page.Keyboard.TypeAsync("F76");
        await Keyboard.TabToAsync(page, "#network-added-name");
        await page.Keyboard.TypeAsync("Slotermeer-Noordoost");
        await Keyboard.TabToAsync(page, "#network-added-district");
        await page.Keyboard.TypeAsync("Nieuw-West");
        await Keyboard.TabToAsync(page, "#network-organisation");
        await page.Keyboard.TypeAsync("Moskee Slotermeer");
        await Keyboard.TabToAsync(page, "button[type=submit]");
        await page.Keyboard.PressAsync("Enter");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Netwerk: Vrouwengroep Moskee Slotermeer");
        var id = new Uri(page.Url).Segments[^1];
        var registered = await tenant.Api.NetworkAsync(id);
        Assert.Equal(("faith", "Moskee Slotermeer", null), ((string)registered["kind"]!, (string?)registered["organisation"], (string?)registered["description"]));
        Assert.Equal("""[{"code":"F76","name":"Slotermeer-Noordoost","district":"Nieuw-West"}]""", registered["activeIn"]!.ToJsonString());

        await Keyboard.TabToAsync(page, $"a[href='/app/networks/{id}/edit']");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Netwerk bewerken");
        await Keyboard.TabToAsync(page, "#network-description");
        await page.Keyboard.TypeAsync("Koffieochtend op dinsdag, open voor alle vrouwen uit de buurt.");
        await Keyboard.TabToAsync(page, "button[type=submit]");
        await page.Keyboard.PressAsync("Enter");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Netwerk: Vrouwengroep Moskee Slotermeer");
        var edited = await tenant.Api.NetworkAsync(id);
        Assert.Equal(("Koffieochtend op dinsdag, open voor alle vrouwen uit de buurt.", 2), ((string?)edited["description"], (int)edited["version"]!));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task With_the_keyboard_alone_a_manager_merges_a_near_duplicate_into_its_twin_and_retires_the_twin()
    {
        using var tenant = await pages.NewTenantAsync();
        var twin = await tenant.Api.RegisterNetworkAsync("Vrouwengroep Moskee Slotermeer");
        var duplicate = await tenant.Api.RegisterNetworkAsync("Moskee Slotermeer vrouwengroep");
        await tenant.Api.ListedAsync("status=active", items => items.Count == 2);
        var page = await pages.OpenAsync($"/app/networks/{duplicate}", tenant.Token);
        await Expect(page.Locator("#merge-into option")).ToHaveCountAsync(2);

        await Keyboard.TabToAsync(page, "#merge-into");
        await page.Keyboard.TypeAsync("Vrouw");
        await Keyboard.TabToAsync(page, "form[aria-labelledby=merge-heading] button[type=submit]");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Dialog)).ToBeVisibleAsync();
        await Keyboard.TabToAsync(page, "#merge-dialog footer button:first-child");
        await page.Keyboard.PressAsync("Enter");

        await Expect(page.Locator("[data-done]")).ToBeFocusedAsync();
        await Expect(page.Locator("[data-done]")).ToContainTextAsync("is samengevoegd met ‘Vrouwengroep Moskee Slotermeer’");
        var merged = await tenant.Api.NetworkAsync(duplicate);
        Assert.Equal(("merged", twin), ((string)merged["status"]!, (string?)merged["mergedInto"]));

        await Keyboard.TabToAsync(page, "[data-done] a");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Netwerk: Vrouwengroep Moskee Slotermeer");
        await Keyboard.TabToAsync(page, "#status-reason");
        await page.Keyboard.TypeAsync("De groep komt niet meer samen.");
        await Keyboard.TabToAsync(page, "form[aria-labelledby=status-heading] button[type=submit]");
        await page.Keyboard.PressAsync("Enter");

        await Expect(page.Locator("[data-done]")).ToContainTextAsync("Het netwerk is opgeheven.");
        Assert.Equal("retired", (string)(await tenant.Api.NetworkAsync(twin))["status"]!);
        await page.Context.CloseAsync();
    }
}
