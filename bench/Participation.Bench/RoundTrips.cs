using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;

namespace Participation.Bench;

/// <summary>
/// Counts the database round trips of one command: every Npgsql command or batch execution is one trip and one
/// <c>Npgsql</c> activity. Runs in process (Alba) so the activities can be tied to the HTTP request that caused them;
/// the Host's background agents (Wolverine durability polling) are filtered out that way.
/// </summary>
public static class RoundTrips
{
    public sealed record Trips(string Command, double PerCommand, IReadOnlyList<string> Statements);

    public static async Task<IReadOnlyList<Trips>> Measure(BenchHost bench, string tenant, int firstCase, int commands)
    {
        var trips = new ConcurrentQueue<(string TraceId, string Text)>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "Npgsql" or "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = activity =>
            {
                if (activity.Source.Name != "Npgsql") return;
                var root = activity;
                while (root.Parent is not null) root = root.Parent;
                if (root.Source.Name != "Microsoft.AspNetCore") return; // background work, not a request
                var text = activity.GetTagItem("db.query.text") as string ?? activity.DisplayName;
                trips.Enqueue((root.TraceId.ToString(), text));
            },
        };
        ActivitySource.AddActivityListener(listener);

        using var client = bench.Client(tenant, "caseworker");
        var scenarios = new (string Name, Func<int, Task> Send)[]
        {
            ("POST /api/cases/{id}/contacts", n => Send(client, $"/api/cases/{Seeder.CaseId(n)}/contacts", new
            {
                occurredAt = "2026-01-15T10:00:00Z", kind = "home-visit", participantIds = new[] { Seeder.ParticipantId(n) },
                summary = "Huisbezoek: gesproken over het buurtontbijt.",
            })),
            ("POST /api/cases/{id}/participants", n => Send(client, $"/api/cases/{Seeder.CaseId(n)}/participants",
                new { role = "parent", displayName = $"Ouder {Guid.NewGuid():N}" })),
            ("POST /api/cases", _ => Send(client, "/api/cases", new
            {
                domain = "jeugdzorg", neighbourhood = new { code = "E38", name = "Slotermeer-Noordoost", district = "Nieuw-West" }, title = "Nieuwe casus",
            })),
        };

        var results = new List<Trips>();
        foreach (var (name, send) in scenarios)
        {
            await send(firstCase); // warm-up: JIT, first-time queries
            trips.Clear();
            for (var i = 1; i <= commands; i++) await send(firstCase + i);
            await Task.Delay(200);
            var all = trips.ToList();
            var requests = all.Select(t => t.TraceId).Distinct().Count();
            var statements = all.GroupBy(t => Shorten(t.Text))
                .Select(g => $"{g.Count() / (double)commands:0.##}× {g.Key}").ToList();
            results.Add(new Trips(name, all.Count / (double)Math.Max(requests, 1), statements));
        }
        return results;
    }

    private static async Task Send(HttpClient client, string path, object body)
    {
        using var response = await client.PostAsJsonAsync(path, body);
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private static string Shorten(string sql)
    {
        var oneLine = string.Join(' ', sql.Split((char[])['\n', '\r', '\t', ' '], StringSplitOptions.RemoveEmptyEntries));
        var parts = oneLine.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => p.Length > 90 ? p[..90] + "…" : p);
        return string.Join(" ; ", parts);
    }
}
