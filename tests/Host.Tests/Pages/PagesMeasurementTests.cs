using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using Participation.Host.Security;
using static Microsoft.Playwright.Assertions;

namespace Participation.Host.Tests.Pages;

/// <summary>
/// Records how fast the seeded demo tenant's dashboard renders and how many bytes of scripts and styles the Host sends,
/// into TestResults/pages/pages.md (which bench/run.sh pages copies to docs/benchmarks/pages.md). Figures, not
/// assertions: a loaded machine must not fail the suite.
/// </summary>
[Collection(PagesCollection.Name)]
public sealed class PagesMeasurementTests(PagesFixture pages)
{
    private const int Runs = 5;

    /// <summary>One load, as the page's Performance API tells it (milliseconds from navigation start; bytes).</summary>
    private sealed class Load
    {
        public double Rendered { get; set; }
        public double LoadEnd { get; set; }
        public long ScriptsAndStylesSent { get; set; }
        public long ScriptsAndStylesDecoded { get; set; }
        public int Files { get; set; }
    }

    [Fact]
    public async Task The_dashboards_render_time_and_the_bytes_of_its_scripts_and_styles_are_recorded()
    {
        var token = await pages.TokenAsync("marieke", Roles.Manager);
        var loads = new List<Load>();
        for (var run = 0; run < Runs; run++)
        {
            // A new context each time: an empty cache, as on a first visit.
            var page = await pages.OpenAsync("/app/", token);
            await Expect(page.Locator("[data-figure=open]")).ToBeVisibleAsync();
            loads.Add(await page.EvaluateAsync<Load>("""
                () => {
                  const navigation = performance.getEntriesByType('navigation')[0]
                  const rendered = performance.getEntriesByName('dashboard-rendered')[0]
                  const files = performance.getEntriesByType('resource').filter(r => /\.(js|css)$/.test(new URL(r.name).pathname))
                  return {
                    rendered: rendered.startTime,
                    loadEnd: navigation.loadEventEnd,
                    scriptsAndStylesSent: files.reduce((sum, r) => sum + r.encodedBodySize, 0),
                    scriptsAndStylesDecoded: files.reduce((sum, r) => sum + r.decodedBodySize, 0),
                    files: files.length,
                  }
                }
                """));
            await page.Context.CloseAsync();
        }

        Assert.All(loads, load => Assert.True(load.Rendered > 0 && load.ScriptsAndStylesSent > 0));
        var path = Path.Combine(PagesFixture.Artifacts, "pages.md");
        await File.WriteAllTextAsync(path, Report(loads));
        await File.WriteAllTextAsync(Path.ChangeExtension(path, ".json"), JsonSerializer.Serialize(loads));
    }

    private static string Report(List<Load> loads)
    {
        static string Ms(double value) => value.ToString("0", CultureInfo.InvariantCulture) + " ms";
        static string Kb(long bytes) => (bytes / 1024.0).ToString("0.0", CultureInfo.InvariantCulture) + " kB";
        static double Median(IEnumerable<double> values)
        {
            var sorted = values.Order().ToList();
            return sorted[sorted.Count / 2];
        }
        var first = loads[0];
        var text = new StringBuilder()
            .AppendLine($"Measured {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC: {loads.Count} loads of `/app/` as a manager of the seeded demo tenant (48 cases), each in a new browser context (empty cache), headless Debian Chromium, the Host in Development on the embedded PostgreSQL, same machine.")
            .AppendLine()
            .AppendLine("| figure | median | each load |")
            .AppendLine("|---|---|---|")
            .AppendLine($"| dashboard rendered (figures on screen), from navigation start | {Ms(Median(loads.Select(l => l.Rendered)))} | {string.Join(", ", loads.Select(l => Ms(l.Rendered)))} |")
            .AppendLine($"| load event end, from navigation start | {Ms(Median(loads.Select(l => l.LoadEnd)))} | {string.Join(", ", loads.Select(l => Ms(l.LoadEnd)))} |")
            .AppendLine($"| dashboard rendered after the load event | {Ms(Median(loads.Select(l => l.Rendered - l.LoadEnd)))} | {string.Join(", ", loads.Select(l => Ms(l.Rendered - l.LoadEnd)))} |")
            .AppendLine()
            .AppendLine($"Scripts and styles of the dashboard ({first.Files} files): **{Kb(first.ScriptsAndStylesSent)} sent** (compressed, as the Host sends them to this browser), {Kb(first.ScriptsAndStylesDecoded)} decoded.");
        return text.ToString();
    }
}
