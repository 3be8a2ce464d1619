using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Participation.Host.Security;
using Participation.Host.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Participation.Host.Tests.Pages;

[Collection(PagesCollection.Name)]
public sealed class DestructionPageTests(PagesFixture pages)
{
    [Fact]
    public async Task An_admin_proposes_and_excludes_a_second_person_approves_and_downloads_the_declaration_with_the_keyboard_alone()
    {
        var tenant = "t-" + Guid.NewGuid().ToString("N")[..12];
        using var caseworker = pages.Api(await pages.TokenInTenantAsync("sara", tenant, Roles.Caseworker));
        var ids = new List<Guid>();
        for (var i = 0; i < 2; i++)
        {
            var opened = await (await caseworker.PostAsJsonAsync("/api/cases", Scenarios.NewCase())).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonObject>();
            ids.Add((Guid)opened!["id"]!);
            (await caseworker.PostAsJsonAsync($"/api/cases/{ids[^1]}/close", new { outcome = "stopped", summary = "Klaar" })).EnsureSuccessStatusCode();
        }
        var author = await pages.TokenInTenantAsync("anna", tenant, Roles.Admin);
        await WaitForProgressAsync(pages.Api(author), ids.Count);

        // The author proposes a list and excludes one case, with the keyboard alone; the page passes axe.
        var page = await pages.OpenAsync("/app/destruction", author);
        await Keyboard.TabToAsync(page, "[data-action=propose]");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("[data-figure=destruction-items] tbody tr")).ToHaveCountAsync(2);
        await Keyboard.TabToAsync(page, "#exclude-case");
        await page.Keyboard.PressAsync("ArrowDown");
        await Keyboard.TabToAsync(page, "#exclude-reason");
        await page.Keyboard.TypeAsync("Lopend bezwaar");
        await Keyboard.TabToAsync(page, "[data-action=exclude]");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("[data-figure=destruction-items] td[data-status=excluded]")).ToHaveCountAsync(1);
        Assert.Empty(await Axe.SeriousViolationsAsync(page));
        // Four-eyes: the author's own approval is refused, and the page says why.
        await Keyboard.TabToAsync(page, "[data-action=approve]");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByText("een andere beheerder of auditor moet hem goedkeuren")).ToBeVisibleAsync();
        var listUrl = page.Url;
        await page.Context.CloseAsync();

        // A second person approves; the page follows the destruction and hands out the declaration.
        var second = await pages.TokenInTenantAsync("piet", tenant, Roles.Auditor);
        page = await pages.OpenAsync(new Uri(listUrl).PathAndQuery, second);
        await Keyboard.TabToAsync(page, "[data-action=approve]");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("[data-figure=destruction-items] td[data-status=destroyed]")).ToHaveCountAsync(1, new() { Timeout = 30_000 });
        Assert.Empty(await Axe.SeriousViolationsAsync(page));
        await Keyboard.TabToAsync(page, "[data-action=report]");
        var download = await page.RunAndWaitForDownloadAsync(() => page.Keyboard.PressAsync("Enter"));
        var declaration = await File.ReadAllTextAsync((await download.PathAsync())!);
        Assert.Contains(ids[0].ToString(), declaration + "");
        Assert.Contains(",destroyed,", declaration);
        await PagesFixture.ScreenshotAsync(page, "destruction");
        await page.Context.CloseAsync();
    }

    /// <summary>A case is proposed from its progress read model, which the daemon writes a moment after the close.</summary>
    private static async Task WaitForProgressAsync(HttpClient api, int closed)
    {
        using (api)
        {
            var until = DateTime.UtcNow.AddSeconds(30);
            while ((await api.GetFromJsonAsync<JsonObject>("/api/dashboard"))!["closed"]!.GetValue<int>() < closed)
            {
                if (DateTime.UtcNow > until) throw new TimeoutException("The closed cases did not reach the progress figures.");
                await Task.Delay(100);
            }
        }
    }
}
