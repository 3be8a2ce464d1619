using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
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
    [InlineData("cases", "/app/cases", Roles.Manager, "Casussen")]
    [InlineData("networks", "/app/networks", Roles.Manager, "Netwerken")]
    [InlineData("case-for-a-manager", "/app/cases/{closed}", Roles.Manager, "Casus: ")]
    [InlineData("case-for-an-auditor", "/app/cases/{closed}", Roles.Auditor, "Casus: ")]
    public async Task A_page_has_no_serious_or_critical_accessibility_violations(string name, string path, string? role, string title)
    {
        var token = role is null ? null : await pages.TokenAsync("tester", role);
        if (path.Contains("{closed}"))
        {
            using var api = pages.Api(await pages.TokenAsync("tester", Roles.Auditor));
            path = path.Replace("{closed}", await CasePageTests.ClosedCaseAsync(api));
        }
        var page = await pages.OpenAsync(path, token);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(title);
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Bezig met laden" })).ToHaveCountAsync(0);
        if (role == Roles.Auditor) await Expect(page.Locator("[data-figure=timeline]")).ToBeVisibleAsync();

        var results = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] } });
        await PagesFixture.ScreenshotAsync(page, name);

        var serious = results.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help}\n  " + string.Join("\n  ", v.Nodes.Take(3).Select(n => n.Html)));
        Assert.Empty(serious);
        await page.Context.CloseAsync();
    }
}
