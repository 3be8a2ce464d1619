using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Participation.Host.Security;
using static Microsoft.Playwright.Assertions;

namespace Participation.Host.Tests.Pages;

[Collection(PagesCollection.Name)]
public sealed class DashboardPageTests(PagesFixture pages)
{
    [Fact]
    public async Task The_dashboard_shows_the_figures_of_api_dashboard_in_its_tables()
    {
        var token = await pages.TokenAsync("marieke", Roles.Manager);
        using var api = pages.Api(token);
        var page = await pages.OpenAsync("/app/", token);
        await Expect(page.Locator("[data-figure=open]")).ToBeVisibleAsync();
        var dashboard = (await api.GetFromJsonAsync<JsonObject>("/api/dashboard"))!;

        Assert.Equal(dashboard["open"]!.ToString(), await page.Locator("[data-figure=open]").TextContentAsync());
        Assert.Equal(dashboard["closed"]!.ToString(), await page.Locator("[data-figure=closed]").TextContentAsync());
        Assert.Equal(Counts(dashboard["byDomainAndPhase"]!, "open", "closed"), await RowsAsync(page, "by-domain-and-phase"));
        Assert.Equal(Counts(dashboard["byDistrict"]!, "open", "closed"), await RowsAsync(page, "by-district"));
        Assert.Equal(Counts(dashboard["byNeighbourhood"]!, "open", "closed"), await RowsAsync(page, "by-neighbourhood"));
        Assert.Equal(Counts(dashboard["outcomes"]!, "count"), await RowsAsync(page, "outcomes"));
        Assert.Equal(Counts(dashboard["punctuality"]!, "onTime", "late", "lateThreeTimes"), await RowsAsync(page, "punctuality"));
        var neighbourhoods = await page.Locator("[data-figure=by-neighbourhood] tbody th").AllTextContentsAsync();
        Assert.Equal(dashboard["byNeighbourhood"]!.AsArray().Select(n => $"{n!["name"]} ({n["code"]})"), neighbourhoods);

        var phaseTimes = await RowsAsync(page, "time-in-phase");
        var expectedTimes = dashboard["timeInPhase"]!.AsArray().Select(t => new[] { t!["median"], t["p90"] }.Select(v => v?.GetValue<double>()).ToArray()).ToList();
        Assert.Equal(expectedTimes.Count, phaseTimes.Length);
        foreach (var (expected, shown) in expectedTimes.Zip(phaseTimes))
        foreach (var (value, text) in expected.Zip(shown))
            if (value is null) Assert.Equal("–", text);
            else Assert.InRange(double.Parse(text, CultureInfo.GetCultureInfo("nl-NL")), value.Value - 0.051, value.Value + 0.051);

        var stalled = dashboard["stalled"]!["caseIds"]!.AsArray().Select(id => $"/app/cases/{id}").ToArray();
        Assert.NotEmpty(stalled);
        Assert.Equal(stalled, await page.Locator("[data-figure=stalled-cases] a").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))"));
        Assert.Equal(stalled.Length.ToString(), await page.Locator("[data-figure=stalled]").TextContentAsync());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_stalled_case_link_opens_that_case()
    {
        var token = await pages.TokenAsync("marieke", Roles.Manager);
        var page = await pages.OpenAsync("/app/", token);

        var link = page.Locator("[data-figure=stalled-cases] a").First;
        var href = await link.GetAttributeAsync("href");
        await link.ClickAsync();

        await Expect(page).ToHaveURLAsync(new Uri(pages.Address, href).ToString());
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Casus: ");
        await page.Context.CloseAsync();
    }

    private static string[][] Counts(JsonNode rows, params string[] fields) =>
        rows.AsArray().Select(row => fields.Select(f => row![f]!.ToString()).ToArray()).ToArray();

    /// <summary>The figure cells of a chart's table, row by row (the row headers left out).</summary>
    private static async Task<string[][]> RowsAsync(IPage page, string figure) =>
        await page.Locator($"[data-figure={figure}] tbody tr")
            .EvaluateAllAsync<string[][]>("rows => rows.map(r => [...r.querySelectorAll('td')].map(td => td.textContent))");
}
