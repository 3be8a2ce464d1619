using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Participation.Host.Security;
using static Microsoft.Playwright.Assertions;

namespace Participation.Host.Tests.Pages;

/// <summary>What a manager and an auditor do on the dashboard, the networks and a case, with Tab, Enter and the arrow keys only.</summary>
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
}
