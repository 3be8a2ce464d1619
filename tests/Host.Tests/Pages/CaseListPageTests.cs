using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Participation.Host.Security;
using static Microsoft.Playwright.Assertions;

namespace Participation.Host.Tests.Pages;

[Collection(PagesCollection.Name)]
public sealed class CaseListPageTests(PagesFixture pages)
{
    [Fact]
    public async Task The_filters_narrow_the_list_as_the_api_does_and_stay_in_the_address()
    {
        var token = await pages.TokenAsync("marieke", Roles.Manager);
        using var api = pages.Api(token);
        var page = await pages.OpenAsync("/app/cases", token);

        await page.GetByLabel("Domein").SelectOptionAsync("sport");
        await page.GetByLabel("Status").SelectOptionAsync("open");
        await page.GetByRole(AriaRole.Button, new() { Name = "Toon casussen" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Uri(pages.Address, "/app/cases?domain=sport&status=open&sort=-lastActivityAt").ToString());
        var expected = (await api.GetFromJsonAsync<JsonObject>("/api/cases?domain=sport&status=open&pageSize=25"))!;
        await Expect(page.Locator("[data-figure=total]")).ToHaveTextAsync($"{expected["total"]} casussen");
        Assert.Equal(Ids(expected), await ShownIdsAsync(page));
        Assert.All(await page.Locator("[data-figure=cases] [data-domain]").EvaluateAllAsync<string[]>("cells => cells.map(c => c.dataset.domain)"), d => Assert.Equal("sport", d));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Search_sort_and_paging_show_the_apis_page()
    {
        var token = await pages.TokenAsync("marieke", Roles.Manager);
        using var api = pages.Api(token);
        var page = await pages.OpenAsync("/app/cases", token);

        await page.GetByLabel("Sorteren").SelectOptionAsync("title");
        await page.GetByRole(AriaRole.Button, new() { Name = "Toon casussen" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Volgende pagina" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Uri(pages.Address, "/app/cases?sort=title&page=2").ToString());
        var second = (await api.GetFromJsonAsync<JsonObject>("/api/cases?sort=title&page=2&pageSize=25"))!;
        await Expect(page.Locator("[data-figure=cases] tbody tr").First).ToHaveAttributeAsync("data-case", Ids(second)[0]);
        Assert.Equal(Ids(second), await ShownIdsAsync(page));

        var word = second["items"]!.AsArray()[0]!["title"]!.GetValue<string>().Split(' ')[0];
        await page.GetByLabel("Zoeken").FillAsync(word);
        await page.GetByLabel("Zoeken").PressAsync("Enter");
        var found = (await api.GetFromJsonAsync<JsonObject>($"/api/cases?q={Uri.EscapeDataString(word)}&sort=title&pageSize=25"))!;
        await Expect(page.Locator("[data-figure=total]")).ToHaveTextAsync(found["total"]!.GetValue<long>() == 1 ? "1 casus" : $"{found["total"]} casussen");
        Assert.Equal(Ids(found), await ShownIdsAsync(page));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_csv_download_is_the_apis_export_of_the_same_selection()
    {
        var token = await pages.TokenAsync("marieke", Roles.Manager);
        using var api = pages.Api(token);
        var page = await pages.OpenAsync("/app/cases?phase=connect", token);
        await Expect(page.Locator("[data-figure=total]")).ToBeVisibleAsync();

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Download CSV" }).ClickAsync());

        Assert.Equal("casussen.csv", download.SuggestedFilename);
        Assert.Equal(await api.GetStringAsync("/api/cases/export.csv?phase=connect"), await File.ReadAllTextAsync((await download.PathAsync())!));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task With_the_keyboard_alone_a_manager_filters_the_list_and_opens_a_case()
    {
        var token = await pages.TokenAsync("marieke", Roles.Manager);
        var page = await pages.OpenAsync("/app/cases", token);
        await Expect(page.Locator("[data-figure=total]")).ToBeVisibleAsync();

        await Keyboard.TabToAsync(page, "#filter-phase");
        await page.Keyboard.TypeAsync("Verb"); // a closed select picks the option whose text starts with what is typed
        await Keyboard.TabToAsync(page, "button[type=submit]");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(new Regex("phase=connect"));
        await Keyboard.TabToAsync(page, "[data-figure=cases] tbody a");
        var title = await page.EvaluateAsync<string>("document.activeElement.textContent");
        await page.Keyboard.PressAsync("Enter");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Casus: {title}");
        await Expect(page.Locator("[data-field=phase]")).ToHaveTextAsync("Verbinden");
        await page.Context.CloseAsync();
    }

    /// <summary>The ids of the cases the page's table shows, in its order.</summary>
    private static Task<string[]> ShownIdsAsync(IPage page) =>
        page.Locator("[data-figure=cases] tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.case)");

    private static string[] Ids(JsonObject casePage) => casePage["items"]!.AsArray().Select(i => i!["id"]!.GetValue<string>()).ToArray();
}
