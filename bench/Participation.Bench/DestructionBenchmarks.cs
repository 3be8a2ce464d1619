using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Marten;
using Marten.Events;
using Microsoft.Extensions.DependencyInjection;
using Participation.Domain.Cases;
using Participation.Host.Security;

namespace Participation.Bench;

/// <summary>
/// Issue 28: destroying 10,000 cases while commands run. Commands (a case assigned to one owner then another, on 200 open
/// cases, by 8 clients in the Host's process) are counted in windows: before the destruction, while an approved list of
/// 10,000 closed cases is destroyed in the background, and after it; the ratio is the commands per second during the
/// destruction to the mean of the windows around it, in the same run.
/// </summary>
public static class DestructionBenchmarks
{
    private const string Tenant = "amsterdam";
    private static readonly Neighbourhood Slotermeer = new("E38", "Slotermeer-Noordoost", "Nieuw-West");

    public static async Task<IReadOnlyList<string>> Run(string connectionString)
    {
        var cases = int.Parse(Environment.GetEnvironmentVariable("BENCH_DESTRUCTION_CASES") ?? "10000", CultureInfo.InvariantCulture);
        var seconds = int.Parse(Environment.GetEnvironmentVariable("BENCH_SECONDS") ?? "10", CultureInfo.InvariantCulture);
        const int clients = 8, open = 200;
        await using var bench = await BenchHost.StartAsync(connectionString, "bench_destruction");
        Tools.Log($"seeding {cases:N0} cases closed eight years ago");
        await SeedClosedAsync(bench.Store, cases);
        var writer = Client(bench, "sara", Roles.Caseworker);
        var targets = new List<Guid>();
        for (var i = 0; i < open; i++)
        {
            var created = await writer.PostAsJsonAsync("/api/cases", new
            {
                domain = "sport", neighbourhood = new { code = "E38", name = "Slotermeer-Noordoost", district = "Nieuw-West" }, title = "Voetbal op het plein",
            });
            targets.Add((Guid)JsonNode.Parse(await created.EnsureSuccessStatusCode().Content.ReadAsStringAsync())!["id"]!);
        }
        await bench.Host.WaitForNonStaleProjectionDataAsync(TimeSpan.FromMinutes(10));
        await Commands(bench, targets, clients, 3); // warm-up

        // Two windows before and two after: on a shared machine one window alone says little.
        var before = (await Commands(bench, targets, clients, seconds) + await Commands(bench, targets, clients, seconds)) / 2;
        Tools.Log($"before: {before:N0} commands/s");
        var admin = Client(bench, "anna", Roles.Admin);
        var proposed = JsonNode.Parse(await (await admin.PostAsJsonAsync("/api/destruction-lists", new { })).EnsureSuccessStatusCode().Content.ReadAsStringAsync())!;
        var listId = (Guid)proposed["id"]!;
        var listed = proposed["items"]!.AsArray().Count;
        var auditor = Client(bench, "piet", Roles.Auditor);
        var clock = Stopwatch.StartNew();
        (await auditor.PostAsJsonAsync($"/api/destruction-lists/{listId}/approve", new { })).EnsureSuccessStatusCode();
        var during = new List<double>();
        TimeSpan? took = null;
        while (took is null)
        {
            during.Add(await Commands(bench, targets, clients, seconds));
            var list = JsonNode.Parse(await auditor.GetStringAsync($"/api/destruction-lists/{listId}"))!;
            Tools.Log($"during: {during[^1]:N0} commands/s, {(int)list["destroyed"]!:N0} of {listed:N0} destroyed");
            if ((string?)list["status"] == "destroyed") took = clock.Elapsed;
        }
        // The last window ends after the destruction did: it is only counted when the list was still at work for most of it.
        var after = (await Commands(bench, targets, clients, seconds) + await Commands(bench, targets, clients, seconds)) / 2;
        Tools.Log($"after: {after:N0} commands/s");
        var baseline = (before + after) / 2;
        var whileDestroying = during.Count > 1 ? during.Take(during.Count - 1).Average() : during[0];
        return
        [
            $"{listed:N0} closed cases on one approved list, destroyed in the background {Environment.GetEnvironmentVariable("Retention__CasesPerTransaction") ?? "50"} per transaction " +
            $"while {clients} clients send commands (a case assigned to another owner) to {open} open cases of the same tenant, in the Host's process " +
            $"(`bash bench/run.sh destruction`; BENCH_DESTRUCTION_CASES, BENCH_SECONDS={seconds} a window).",
            "",
            "| | commands/s | × |",
            "|---|---:|---:|",
            $"| before the destruction (two windows) | {before:N0} | |",
            $"| while destroying ({during.Count} windows of {seconds} s; the last, partly after, left out) | {whileDestroying:N0} | {whileDestroying / baseline:0.00}× |",
            $"| after the destruction (two windows) | {after:N0} | |",
            "",
            $"The destruction took {took.Value.TotalSeconds:N0} s: {listed / took.Value.TotalSeconds:N0} cases/s. " +
            $"Per window while destroying: {string.Join(", ", during.Select(d => d.ToString("N0", CultureInfo.InvariantCulture)))} commands/s.",
        ];
    }

    private static HttpClient Client(BenchHost bench, string name, params string[] roles)
    {
        var client = bench.Host.Server.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", bench.Host.Services.GetRequiredService<TokenIssuer>().Issue(name, Tenant, roles));
        return client;
    }

    /// <summary>Commands per second over <paramref name="seconds"/>: each client assigns random cases to one owner or the other.</summary>
    private static async Task<double> Commands(BenchHost bench, IReadOnlyList<Guid> targets, int clients, int seconds)
    {
        var ok = 0L;
        var until = Stopwatch.GetTimestamp() + (long)(seconds * (double)Stopwatch.Frequency);
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async c =>
        {
            var client = Client(bench, "sara", Roles.Caseworker);
            var random = new Random(c);
            while (Stopwatch.GetTimestamp() < until)
            {
                var target = targets[random.Next(targets.Count)];
                var response = await client.PostAsJsonAsync($"/api/cases/{target}/assign", new { owner = random.Next(2) == 0 ? "piet" : "anna" });
                if (response.IsSuccessStatusCode) Interlocked.Increment(ref ok);
            }
        }));
        return ok / (double)seconds;
    }

    /// <summary>Cases opened nine years ago and closed eight years ago, through Marten with their inline read models, 500 a transaction.</summary>
    private static async Task SeedClosedAsync(IDocumentStore store, int cases)
    {
        var closedAt = DateTimeOffset.UtcNow.AddYears(-8);
        for (var done = 0; done < cases; done += 500)
        {
            await using var session = store.LightweightSession(Tenant);
            session.LastModifiedBy = "seed";
            for (var i = done; i < Math.Min(done + 500, cases); i++)
            {
                var id = Guid.CreateVersion7();
                session.Events.StartStream<Case>(id,
                    new CaseOpened(id, CaseDomain.Sport, Slotermeer, "Voetbal op het plein", null, null, "seed", closedAt.AddYears(-1)),
                    new CaseClosed(CaseOutcome.Stopped, "Gestopt", CasePhase.Engage, "seed", closedAt));
            }
            await session.SaveChangesAsync();
        }
    }
}
