using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Participation.Host.Security;
using static Microsoft.Playwright.Assertions;

namespace Participation.Host.Tests.Pages;

/// <summary>
/// <c>/app/insights</c>, Eigen Kracht in Beeld, on the seeded tenant: every figure as <c>GET /api/insights</c> answers it,
/// a suppressed count as "&lt; 5" and never a number, the filters through the page's address.
/// </summary>
[Collection(PagesCollection.Name)]
public sealed class InsightsPageTests(PagesFixture pages)
{
    private static readonly string[] AreaFields = ["networks", "cases", "participants", "connections", "measured"];

    [Fact]
    public async Task The_page_shows_the_figures_of_api_insights_and_a_suppressed_count_as_less_than_the_minimum()
    {
        var token = await pages.TokenAsync("marieke", Roles.Manager);
        using var api = pages.Api(token);
        var page = await pages.OpenAsync("/app/insights", token);
        await Expect(page.Locator("[data-figure=areas]")).ToBeVisibleAsync();
        var insights = (await api.GetFromJsonAsync<JsonObject>("/api/v1/insights"))!;
        var minimum = (int)insights["minimumCount"]!;
        var rows = insights["rows"]!.AsArray().Select(r => r!.AsObject()).ToList();

        Assert.Equal(rows.Select(row => AreaFields.Select(f => Text(row, f, row[f], minimum)).ToArray()).ToArray(), await RowsAsync(page, "areas"));
        Assert.Equal(rows.Select(row => new[] { "byResidents", "withProfessional" }
                .SelectMany(c => new[] { "made", "fulfilled", "broken" }.Select(n => Text(row, $"agreements.{c}.{n}", row["agreements"]![c]![n], minimum))).ToArray()).ToArray(),
            await RowsAsync(page, "agreements"));

        // The seed's small neighbourhood: its count of cases is hidden, and the page says so rather than show it.
        var small = rows.Single(r => (string?)r["neighbourhood"]?["code"] == "F78");
        Assert.Null(small["cases"]);
        Assert.Contains("cases", small["suppressed"]!.AsArray().Select(s => (string?)s));
        var smallRow = page.Locator("[data-figure=areas] tbody tr", new() { HasText = "(F78)" });
        Assert.Equal($"< {minimum}", await smallRow.Locator("td").Nth(1).TextContentAsync());

        // The tenant's life domains: levels at the first and latest measurement, how they moved, and the support behind them.
        var tenant = rows.Single(r => (string?)r["level"] == "tenant");
        Assert.True((int?)tenant["measured"] >= minimum, $"measured: {tenant["measured"]}");
        var measured = tenant["domains"]!.AsArray().Select(d => d!.AsObject())
            .Where(d => d["firstLevels"]!.AsArray().Concat(d["latestLevels"]!.AsArray()).Any(c => (int?)c > 0)
                        || tenant["suppressed"]!.AsArray().Any(s => ((string)s!).StartsWith($"domains.{d["domain"]}.")))
            .ToList();
        Assert.NotEmpty(measured);
        Assert.Equal(measured.Select(d => new[] { "improved", "same", "worse" }.Select(c => Text(tenant, $"domains.{d["domain"]}.{c}", d[c], minimum)).ToArray()).ToArray(),
            await RowsAsync(page, "level-changes"));
        string[] Levels(JsonObject domain, string moment) =>
            Enumerable.Range(1, 5).Select(level => Text(tenant, $"domains.{domain["domain"]}.{moment}Levels.{level}", domain[$"{moment}Levels"]![level - 1], minimum)).ToArray();
        string[] Support(JsonObject domain, string moment) =>
            new[] { "own", "network", "professional" }.Select(s => Text(tenant, $"domains.{domain["domain"]}.{moment}Support.{s}", domain[$"{moment}Support"]![s], minimum, percent: true)).ToArray();
        Assert.Equal(measured.Select(d => Levels(d, "first").Concat(Levels(d, "latest")).ToArray()).ToArray(), await RowsAsync(page, "levels"));
        Assert.Equal(measured.Select(d => Support(d, "first").Concat(Support(d, "latest")).ToArray()).ToArray(), await RowsAsync(page, "support"));

        // The charts show the first measured life domain: its levels, and its support at the end of the quarters up to this one.
        var first = measured[0];
        Assert.Equal(Levels(first, "first").Zip(Levels(first, "latest"), (a, b) => new[] { a, b }).ToArray(), await RowsAsync(page, "levels-chart"));
        await Expect(page.Locator("[data-figure=support-over-time] tbody tr")).ToHaveCountAsync(8);
        Assert.Equal([Support(first, "first"), Support(first, "latest")], (await RowsAsync(page, "support-over-time"))[^2..]);

        var text = await page.Locator("main").InnerTextAsync();
        Assert.Contains($"< {minimum}", text);
        await PagesFixture.ScreenshotAsync(page, "insights-manager");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_neighbourhood_chosen_in_the_filters_is_the_pages_address_and_its_life_domains_are_shown()
    {
        var token = await pages.TokenAsync("marieke", Roles.Manager);
        using var api = pages.Api(token);
        var page = await pages.OpenAsync("/app/insights", token);
        await Expect(page.Locator("#filter-neighbourhood option[value=F76]")).ToBeAttachedAsync();

        await page.Locator("#filter-neighbourhood").SelectOptionAsync("F76");
        await page.Locator("#filter-domain").SelectOptionAsync("sport");
        await page.GetByRole(AriaRole.Button, new() { Name = "Toon cijfers" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("neighbourhood=F76.*domain=sport|domain=sport.*neighbourhood=F76"));
        var insights = (await api.GetFromJsonAsync<JsonObject>("/api/v1/insights?neighbourhood=F76&domain=sport"))!;
        var shown = insights["rows"]!.AsArray().Select(r => r!["level"]!.GetValue<string>() switch
        {
            "tenant" => "Hele gemeente",
            "district" => $"Stadsdeel {r["district"]}",
            _ => $"{r["neighbourhood"]!["name"]} ({r["neighbourhood"]!["code"]})",
        });
        await Expect(page.Locator("[data-figure=areas] tbody th")).ToHaveTextAsync(shown.ToArray());
        await Expect(page.Locator("#domains-heading")).ToHaveTextAsync("Zelfredzaamheid per leefgebied: Slotermeer-Noordoost (F76)");
        await page.Context.CloseAsync();
    }

    /// <summary>What the page writes for a figure: "&lt; 5" for a suppressed count, "–" for a hidden median or no figure, else the number in Dutch.</summary>
    public static string Text(JsonObject row, string field, JsonNode? value, int minimum, bool percent = false)
    {
        if (value is null) return !percent && row["suppressed"]!.AsArray().Any(s => (string?)s == field) ? $"< {minimum}" : "–";
        var number = value.GetValue<double>();
        return percent ? Math.Round(number, 1).ToString("#,0.#", Dutch) + "%" : number.ToString("#,0", Dutch);
    }

    private static readonly CultureInfo Dutch = CultureInfo.GetCultureInfo("nl-NL");

    /// <summary>The figure cells of a table, row by row (the row headers left out).</summary>
    private static async Task<string[][]> RowsAsync(IPage page, string figure) =>
        await page.Locator($"[data-figure={figure}] tbody tr")
            .EvaluateAllAsync<string[][]>("rows => rows.map(r => [...r.querySelectorAll('td')].map(td => td.textContent))");
}
