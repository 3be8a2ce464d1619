using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Participation.Host.Security;
using static Microsoft.Playwright.Assertions;

namespace Participation.Host.Tests.Pages;

/// <summary>Every page, as the role it is for sees it, scanned by axe-core for WCAG 2.1 A and AA; each leaves a screenshot.</summary>
[Collection(PagesCollection.Name)]
public sealed class AccessibilityTests(PagesFixture pages)
{
    [Theory]
    [InlineData("sign-in", "/app/", null, "Inloggen")]
    [InlineData("dashboard", "/app/", Roles.Manager, "Dashboard")]
    [InlineData("insights", "/app/insights", Roles.Manager, "Eigen Kracht in Beeld")]
    [InlineData("insights-for-an-auditor", "/app/insights?neighbourhood=F76", Roles.Auditor, "Eigen Kracht in Beeld")]
    [InlineData("cases", "/app/cases", Roles.Manager, "Casussen")]
    [InlineData("worklist", "/app/worklist", Roles.Manager, "Werkvoorraad")]
    [InlineData("networks", "/app/networks", Roles.Manager, "Netwerken")]
    [InlineData("network-for-a-manager", "/app/networks/{network}", Roles.Manager, "Netwerk: ")]
    [InlineData("network-registration", "/app/networks/new", Roles.Manager, "Netwerk registreren")]
    [InlineData("network-edit", "/app/networks/{network}/edit", Roles.Manager, "Netwerk bewerken")]
    [InlineData("networks-for-a-caseworker", "/app/networks", Roles.Caseworker, "Netwerken")]
    [InlineData("case-for-a-manager", "/app/cases/{closed}", Roles.Manager, "Casus: ")]
    [InlineData("case-for-an-auditor", "/app/cases/{closed}", Roles.Auditor, "Casus: ")]
    public async Task A_page_has_no_serious_or_critical_accessibility_violations(string name, string path, string? role, string title)
    {
        var token = role is null ? null : await pages.TokenAsync("tester", role);
        using var api = pages.Api(await pages.TokenAsync("tester", Roles.Auditor));
        if (path.Contains("{closed}")) path = path.Replace("{closed}", await CasePageTests.ClosedCaseAsync(api));
        // The network with the most cases: its page has every part (reach by quarter, connected cases) filled.
        if (path.Contains("{network}")) path = path.Replace("{network}", (await api.GetFromJsonAsync<JsonObject>("/api/v1/networks?pageSize=1"))!["items"]![0]!["id"]!.GetValue<string>());
        var page = await pages.OpenAsync(path, token);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(title);
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Bezig met laden" })).ToHaveCountAsync(0);
        if (role == Roles.Auditor && path.StartsWith("/app/cases/")) await Expect(page.Locator("[data-figure=timeline]")).ToBeVisibleAsync();
        if (role == Roles.Auditor && path.StartsWith("/app/cases/")) await Expect(page.Locator("[data-figure=processing-log]")).ToBeVisibleAsync();
        if (path.EndsWith("/edit")) await Expect(page.Locator("#network-name")).ToBeVisibleAsync();
        if (path.StartsWith("/app/insights")) await Expect(page.Locator("[data-figure=support-over-time]")).ToBeVisibleAsync();

        var serious = await Axe.SeriousViolationsAsync(page);
        await PagesFixture.ScreenshotAsync(page, name);

        Assert.Empty(serious);
        await page.Context.CloseAsync();
    }
}
