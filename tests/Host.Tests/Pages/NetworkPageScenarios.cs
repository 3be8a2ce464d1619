using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Participation.Host.Security;

namespace Participation.Host.Tests.Pages;

/// <summary>Networks for the page tests, registered through the API in a tenant of their own, so the demo tenant's map stays as seeded.</summary>
public static class NetworkPageScenarios
{
    public static readonly object Slotermeer = new { code = "F76", name = "Slotermeer-Noordoost", district = "Nieuw-West" };

    /// <summary>A new, empty tenant: a manager's token there and an API client with it.</summary>
    public sealed record Tenant(string Token, HttpClient Api) : IDisposable
    {
        public void Dispose() => Api.Dispose();
    }

    public static async Task<Tenant> NewTenantAsync(this PagesFixture pages)
    {
        var token = await pages.TokenInTenantAsync("marieke", "t-" + Guid.NewGuid().ToString("N")[..12], Roles.Manager);
        return new Tenant(token, pages.Api(token));
    }

    public static async Task<string> RegisterNetworkAsync(this HttpClient api, string name, string kind = "faith", string organisation = "Moskee Slotermeer")
    {
        using var answer = await api.PostAsJsonAsync("/api/v1/networks",
            new { name, kind, activeIn = new[] { Slotermeer }, organisation, description = "Koffieochtend op dinsdag" });
        answer.EnsureSuccessStatusCode();
        return (await answer.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
    }

    public static async Task<JsonObject> NetworkAsync(this HttpClient api, string id) =>
        (await api.GetFromJsonAsync<JsonObject>($"/api/v1/networks/{id}"))!;

    /// <summary>
    /// The list's answer to <paramref name="query"/> once it shows what <paramref name="expected"/> waits for: the list comes
    /// from the async read model, which trails the commands.
    /// </summary>
    public static async Task<JsonObject> ListedAsync(this HttpClient api, string query, Func<JsonArray, bool> expected)
    {
        var until = DateTime.UtcNow.AddMinutes(1);
        while (true)
        {
            var page = (await api.GetFromJsonAsync<JsonObject>($"/api/v1/networks?{query}"))!;
            if (expected(page["items"]!.AsArray())) return page;
            if (DateTime.UtcNow > until) throw new TimeoutException($"The network list never showed what the test waits for: {page}");
            await Task.Delay(100);
        }
    }

    public static string[] Ids(this JsonArray items) => items.Select(i => i!["id"]!.GetValue<string>()).ToArray();
}
