using System.Diagnostics;
using System.Net.Http.Json;

namespace Participation.Bench;

/// <summary>
/// Contact moments, 8 at a time, on 64 cases of a tenant of their own: the command load that runs beside work a benchmark
/// measures the cost of (deadlines falling due, a read model version being built), against the same load alone. Each case
/// is written through a client of its own choosing (a node and tenant of its own, in the tenancy benchmark).
/// </summary>
public sealed class ContactLoad(IReadOnlyList<ContactLoad.Target> targets)
{
    /// <summary>A case with its parent, and the client its contact moments are sent through.</summary>
    public sealed record Target(HttpClient Client, Guid Case, Guid Parent);

    /// <summary>What one window of the load did: how many commands, in how long, and their latencies in ms, sorted.</summary>
    public sealed record Window(int Count, TimeSpan Elapsed, List<double> Sorted)
    {
        public double PerSecond => Count / Elapsed.TotalSeconds;
    }

    /// <summary>Opens the 64 cases (each with a parent) through <paramref name="caseworker"/>.</summary>
    public static Task<ContactLoad> StartAsync(HttpClient caseworker) => StartAsync(Enumerable.Repeat(caseworker, 64));

    /// <summary>Opens a case (with a parent) through each client given, in turn.</summary>
    public static async Task<ContactLoad> StartAsync(IEnumerable<HttpClient> clientPerCase)
    {
        var targets = new List<Target>();
        foreach (var (caseworker, i) in clientPerCase.Select((c, i) => (c, i)))
        {
            var caseId = (await ProgressBenchmarks.Json(await caseworker.PostAsJsonAsync("/api/cases", new
            {
                domain = "jeugdzorg", title = $"Gezin {i}", neighbourhood = new { code = "E38", name = "Slotermeer-Noordoost", district = "Nieuw-West" },
            }))).GetProperty("id").GetGuid();
            var joined = await ProgressBenchmarks.Json(await caseworker.PostAsJsonAsync($"/api/cases/{caseId}/participants", new { role = "parent", displayName = "Fatima Yilmaz" }));
            targets.Add(new Target(caseworker, caseId, joined.GetProperty("participantId").GetGuid()));
        }
        return new ContactLoad(targets);
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
                var target = targets[Interlocked.Increment(ref next) % targets.Count];
                times.Add(await Measure.Time(async () => (await target.Client.PostAsJsonAsync($"/api/cases/{target.Case}/contacts", new
                {
                    occurredAt = DateTimeOffset.UtcNow, kind = "home-visit", participantIds = new[] { target.Parent }, summary = "Gesprek aan de keukentafel",
                })).EnsureSuccessStatusCode()));
            }
        }));
        var sorted = times.ToList();
        sorted.Sort();
        return new Window(sorted.Count, watch.Elapsed, sorted);
    }
}
