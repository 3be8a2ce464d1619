using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Participation.Host.Security;
using Participation.Host.Tests.Support;

namespace Participation.Host.Tests.Pages;

/// <summary>
/// The pages as a user meets them: the built Host in a process of its own (Development, so <c>POST /dev/tokens</c> signs
/// in), its schema filled by the <c>seed</c> command with the demo tenant's half year of work, and a headless Chromium.
/// </summary>
public sealed class PagesFixture : IAsyncLifetime
{
    public const string Schema = "pages_tests";
    public const string Tenant = "amsterdam";

    /// <summary>A second municipality, with its display name configured (<c>Tenants:&lt;tenant&gt;:DisplayName</c>).</summary>
    public const string OtherTenant = "denbosch", OtherTenantName = "'s-Hertogenbosch";

    private IPlaywright? _playwright;
    private HostProcess? _host;

    public IBrowser Browser { get; private set; } = null!;
    public Uri Address => _host!.Address;

    /// <summary>Where the tests leave what a person would want to look at: screenshots and the measured figures (git-ignored).</summary>
    public static string Artifacts { get; } = Path.Combine(TestDatabase.RepositoryRoot(), "TestResults", "pages");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Artifacts);
        var chromium = Chromium.ExecutablePath;
        await Sql.ExecuteAsync($"drop schema if exists {Schema} cascade");
        var (exitCode, output) = await HostCommandLine.Run(Schema, "seed", "--tenant", Tenant);
        if (exitCode != 0) throw new InvalidOperationException($"seed failed ({exitCode}):\n{output}");
        // Sport cases are due for destruction as soon as they close here, so the destruction page has a list to show.
        _host = await HostProcess.StartAsync(Schema, new Dictionary<string, string>
        {
            [$"Tenants__{OtherTenant}__DisplayName"] = OtherTenantName, ["Retention__Periods__sport"] = "P0D",
        });
        await ProjectionsCaughtUpAsync();

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new() { ExecutablePath = chromium, Headless = true, Args = Chromium.Arguments });
    }

    public async Task DisposeAsync()
    {
        // Any of them is missing when the start failed part of the way (no Chromium, say): that failure is the one to see.
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
        if (_host is not null) await _host.DisposeAsync();
    }

    public Task<string> TokenAsync(string name, params string[] roles) => TokenInTenantAsync(name, Tenant, roles);

    public async Task<string> TokenInTenantAsync(string name, string tenant, params string[] roles)
    {
        using var client = new HttpClient { BaseAddress = Address };
        using var answer = await client.PostAsJsonAsync("/dev/tokens", new { name, tenant, roles });
        answer.EnsureSuccessStatusCode();
        return (await answer.Content.ReadFromJsonAsync<JsonObject>())!["token"]!.GetValue<string>();
    }

    /// <summary>A client of the API with <paramref name="token"/>: what the test compares the pages with.</summary>
    public HttpClient Api(string token) => new()
    {
        BaseAddress = Address,
        DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Bearer", token) },
    };

    /// <summary>A new browser context (no storage shared with other tests) on <paramref name="path"/>, signed in with the URL fragment.</summary>
    public async Task<IPage> OpenAsync(string path, string? token)
    {
        var context = await Browser.NewContextAsync(new() { BaseURL = Address.ToString(), ViewportSize = new() { Width = 1280, Height = 900 }, AcceptDownloads = true });
        var page = await context.NewPageAsync();
        await page.GotoAsync(token is null ? path : $"{path}#access_token={token}");
        return page;
    }

    /// <summary>A full-page screenshot under <see cref="Artifacts"/>; returns its path.</summary>
    public static async Task<string> ScreenshotAsync(IPage page, string name)
    {
        var path = Path.Combine(Artifacts, $"{name}.png");
        await page.ScreenshotAsync(new() { Path = path, FullPage = true });
        return path;
    }

    // The seed hands the async projections over to the Host's daemon; the figures are final once the dashboard counts
    // every case of the list.
    private async Task ProjectionsCaughtUpAsync()
    {
        using var api = Api(await TokenAsync("fixture", Roles.Manager));
        var until = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            var cases = (await api.GetFromJsonAsync<JsonObject>("/api/cases?pageSize=1"))!["total"]!.GetValue<int>();
            var dashboard = (await api.GetFromJsonAsync<JsonObject>("/api/dashboard"))!;
            if (cases > 0 && dashboard["open"]!.GetValue<int>() + dashboard["closed"]!.GetValue<int>() == cases) return;
            if (DateTime.UtcNow > until) throw new TimeoutException($"The dashboard did not catch up with the {cases} seeded cases.");
            await Task.Delay(200);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class PagesCollection : ICollectionFixture<PagesFixture>
{
    public const string Name = "pages";
}
