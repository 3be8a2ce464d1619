using Microsoft.Playwright;
using Participation.Host.Security;
using static Microsoft.Playwright.Assertions;

namespace Participation.Host.Tests.Pages;

[Collection(PagesCollection.Name)]
public sealed class SigningInTests(PagesFixture pages)
{
    [Theory]
    [InlineData("/app/")]
    [InlineData("/app/cases")]
    [InlineData("/app/networks")]
    public async Task Without_a_token_a_page_shows_the_sign_in_and_asks_the_api_for_nothing(string path)
    {
        var page = await pages.OpenAsync("/app/", token: null);
        var apiCalls = new List<string>();
        page.Request += (_, request) => { if (new Uri(request.Url).AbsolutePath.StartsWith("/api/")) apiCalls.Add(request.Url); };

        await page.GotoAsync(path);

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Inloggen");
        await Expect(page.Locator("table")).ToHaveCountAsync(0);
        Assert.Empty(apiCalls);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_development_form_gets_a_token_from_dev_tokens_and_the_menu_follows_the_role_and_the_api_is_called_by_its_versioned_routes()
    {
        var page = await pages.OpenAsync("/app/", token: null);
        var apiCalls = new List<string>();
        page.Request += (_, request) => { if (new Uri(request.Url).AbsolutePath is var path && path.StartsWith("/api/")) apiCalls.Add(path); };

        await page.GetByLabel("Naam", new() { Exact = true }).FillAsync("marieke");
        await page.GetByLabel("Gemeente", new() { Exact = true }).FillAsync(PagesFixture.Tenant);
        await page.GetByLabel("Programmamanager").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Inloggen" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Dashboard");
        var menu = page.GetByRole(AriaRole.Navigation);
        await Expect(menu.GetByRole(AriaRole.Link, new() { Name = "Netwerken" })).ToBeVisibleAsync();
        await Expect(menu).ToContainTextAsync("marieke (Programmamanager, amsterdam)");
        await Expect(page.Locator("table").First).ToBeVisibleAsync();
        Assert.Contains("/api/v1/dashboard", apiCalls);
        Assert.All(apiCalls, path => Assert.StartsWith("/api/v1/", path));

        await page.GetByRole(AriaRole.Button, new() { Name = "Uitloggen" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Inloggen");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_token_in_the_url_fragment_signs_in_and_is_gone_from_the_address_bar_at_once()
    {
        var token = await pages.TokenAsync("ruud", Roles.Auditor);

        var page = await pages.OpenAsync("/app/cases?status=open", token);

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Casussen");
        Assert.Equal("/app/cases?status=open", new Uri(page.Url).PathAndQuery);
        Assert.Equal("", new Uri(page.Url).Fragment);
        Assert.Equal("", await page.EvaluateAsync<string>("location.hash"));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_caseworker_sees_neither_the_dashboard_nor_a_cases_history()
    {
        var token = await pages.TokenAsync("fatima", Roles.Caseworker);
        var page = await pages.OpenAsync("/app/", token);

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Geen toegang");
        await Expect(page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Dashboard" })).ToHaveCountAsync(0);

        await page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Casussen" }).ClickAsync();
        await page.Locator("[data-figure=cases] tbody a").First.ClickAsync();
        await Expect(page.Locator("[data-field=version]")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { NameRegex = new("^Geschiedenis") })).ToHaveCountAsync(0);
        await Expect(page.Locator("#version")).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }
}
