using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Participation.Host.Tests.Pages;

/// <summary>axe-core on a page as it stands, for WCAG 2.1 A and AA and axe's best practices (ADR 19).</summary>
public static class Axe
{
    /// <summary>The serious and critical violations, each with the first elements it found them on; empty when there are none.</summary>
    public static async Task<string[]> SeriousViolationsAsync(IPage page)
    {
        var results = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] } });
        return results.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help}\n  " + string.Join("\n  ", v.Nodes.Take(3).Select(n => n.Html)))
            .ToArray();
    }
}
