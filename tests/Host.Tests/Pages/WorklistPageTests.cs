using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Participation.Host.Security;
using static Microsoft.Playwright.Assertions;

namespace Participation.Host.Tests.Pages;

[Collection(PagesCollection.Name)]
public sealed class WorklistPageTests(PagesFixture pages)
{
    [Fact]
    public async Task The_werkvoorraad_shows_the_overdue_follow_ups_of_api_worklist_most_overdue_first_and_filters_them()
    {
        var token = await pages.TokenAsync("marieke", Roles.Manager);
        using var api = pages.Api(token);
        var worklist = (await api.GetFromJsonAsync<JsonObject>("/api/worklist?pageSize=50"))!;
        Assert.NotEmpty(worklist["items"]!.AsArray());

        var page = await pages.OpenAsync("/app/worklist", token);
        await Expect(page.Locator("[data-figure=worklist]")).ToBeVisibleAsync();
        var shown = await page.Locator("[data-figure=worklist] tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.case)");
        Assert.Equal(worklist["items"]!.AsArray().Select(i => (string)i!["caseId"]!), shown);

        await page.Locator("#filter-kind").SelectOptionAsync("agreement");
        await page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Toon werkvoorraad" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("kind=agreement"));
        var agreements = (await api.GetFromJsonAsync<JsonObject>("/api/worklist?pageSize=50&kind=agreement"))!["items"]!.AsArray();
        await Expect(page.Locator("[data-figure=worklist] tbody tr")).ToHaveCountAsync(agreements.Count);
        Assert.All(await page.Locator("[data-figure=worklist] tbody td[data-kind]").AllTextContentsAsync(), kind => Assert.Equal("Afspraak", kind));
        await page.Context.CloseAsync();
    }
}
