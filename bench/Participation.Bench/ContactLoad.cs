using System.Diagnostics;
using System.Net.Http.Json;

namespace Participation.Bench;

/// <summary>
/// Contact moments, 8 at a time, on 64 cases of a tenant of their own: the command load that runs beside work a benchmark
/// measures the cost of (deadlines falling due, a read model version being built), against the same load alone.
/// </summary>
public sealed class ContactLoad
{
    private readonly HttpClient _client;
    private readonly IReadOnlyList<(Guid Case, Guid Parent)> _targets;

    private ContactLoad(HttpClient client, IReadOnlyList<(Guid Case, Guid Parent)> targets) => (_client, _targets) = (client, targets);

    /// <summary>What one window of the load did: how many commands, in how long, and their latencies in ms, sorted.</summary>
    public sealed record Window(int Count, TimeSpan Elapsed, List<double> Sorted)
    {
        public double PerSecond => Count / Elapsed.TotalSeconds;
    }

    /// <summary>Opens the 64 cases (each with a parent) through <paramref name="caseworker"/>.</summary>
    public static async Task<ContactLoad> StartAsync(HttpClient caseworker)
    {
        var targets = new List<(Guid Case, Guid Parent)>();
        for (var i = 0; i < 64; i++)
        {
            var caseId = (await ProgressBenchmarks.Json(await caseworker.PostAsJsonAsync("/api/cases", new
            {
                domain = "jeugdzorg", title = $"Gezin {i}", neighbourhood = new { code = "E38", name = "Slotermeer-Noordoost", district = "Nieuw-West" },
            }))).GetProperty("id").GetGuid();
            var joined = await ProgressBenchmarks.Json(await caseworker.PostAsJsonAsync($"/api/cases/{caseId}/participants", new { role = "parent", displayName = "Fatima Yilmaz" }));
            targets.Add((caseId, joined.GetProperty("participantId").GetGuid()));
        }
        return new ContactLoad(caseworker, targets);
    }

    /// <summary>Contact moments, 8 at a time, for <paramref name="window"/> or until <paramref name="stop"/> says so after at least a second.</summary>
    public async Task<Window> RunAsync(TimeSpan window, Func<bool> stop)
    {
        var watch = Stopwatch.StartNew();
        var times = new System.Collections.Concurrent.ConcurrentBag<double>();
        var next = 0;
        await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            while (watch.Elapsed < window && !(stop() && watch.Elapsed > TimeSpan.FromSeconds(1)))
            {
                var (caseId, parent) = _targets[Interlocked.Increment(ref next) % _targets.Count];
                times.Add(await Measure.Time(async () => (await _client.PostAsJsonAsync($"/api/cases/{caseId}/contacts", new
                {
                    occurredAt = DateTimeOffset.UtcNow, kind = "home-visit", participantIds = new[] { parent }, summary = "Gesprek aan de keukentafel",
                })).EnsureSuccessStatusCode()));
            }
        }));
        var sorted = times.ToList();
        sorted.Sort();
        return new Window(sorted.Count, watch.Elapsed, sorted);
    }
}
