using Microsoft.Playwright;
using Participation.Host.Security;
using static Microsoft.Playwright.Assertions;

namespace Participation.Host.Tests.Pages;

/// <summary>Each municipality sees its own name; only Amsterdam sees Amsterdam's logo, colours and typeface.</summary>
[Collection(PagesCollection.Name)]
public sealed class TenantLookTests(PagesFixture pages)
{
    private const string AmsterdamLogo = "Gemeente Amsterdam logo";

    [Fact]
    public async Task Another_municipality_sees_its_own_name_and_nothing_of_amsterdam()
    {
        var token = await pages.TokenInTenantAsync("joris", PagesFixture.OtherTenant, Roles.Manager);
        var page = await pages.OpenAsync("/app/", token);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Dashboard");

        var header = page.Locator("header").First;
        await Expect(header.GetByRole(AriaRole.Img, new() { Name = $"Gemeente {PagesFixture.OtherTenantName}" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Navigation)).ToContainTextAsync($"joris (Programmamanager, {PagesFixture.OtherTenantName})");
        await Expect(page.GetByRole(AriaRole.Img, new() { Name = AmsterdamLogo })).ToHaveCountAsync(0);
        Assert.DoesNotContain("Amsterdam", await page.Locator("body").InnerTextAsync());
        Assert.Equal("neutral", await page.EvaluateAsync<string>("document.documentElement.dataset.look"));
        Assert.DoesNotContain("Amsterdam Sans", await page.EvaluateAsync<string>("getComputedStyle(document.querySelector('h1')).fontFamily"));
        Assert.Empty(await Axe.SeriousViolationsAsync(page));
        await PagesFixture.ScreenshotAsync(page, "dashboard-denbosch");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Amsterdam_keeps_its_own_look()
    {
        var token = await pages.TokenAsync("marieke", Roles.Manager);
        var page = await pages.OpenAsync("/app/", token);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Dashboard");

        await Expect(page.Locator("header").First.GetByRole(AriaRole.Img, new() { Name = AmsterdamLogo })).ToBeVisibleAsync();
        Assert.Equal("amsterdam", await page.EvaluateAsync<string>("document.documentElement.dataset.look"));
        Assert.Contains("Amsterdam Sans", await page.EvaluateAsync<string>("getComputedStyle(document.querySelector('h1')).fontFamily"));
        await page.Context.CloseAsync();
    }
}
