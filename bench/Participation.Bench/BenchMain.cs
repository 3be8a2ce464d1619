using System.Runtime.InteropServices;

namespace Participation.Bench;

/// <summary>
/// Usage: Participation.Bench &lt;connection string&gt; &lt;docs/benchmarks.md&gt; all|notes (every scenario), or
/// Participation.Bench &lt;connection string&gt; &lt;output folder&gt; [scenario …]. Scenarios: <c>replay</c> and
/// <c>export</c> (audit, written to audit.md), <c>progress</c> (progress.md), <c>notifications</c> (notifications.md),
/// <c>failover</c> (failover.md), <c>longcases</c> (long-cases.md), <c>scale</c> (scale.md), <c>networks</c> (networks.md), <c>insights</c> (insights.md), <c>followup</c> (follow-up.md), <c>processinglog</c> (processing-log.md), <c>upgrade</c> (upgrades.md), <c>tenancy</c> (tenancy.md). Without scenarios: the audit ones.
/// </summary>
public static class BenchMain
{
    private static readonly Dictionary<string, string> Reports = new()
    {
        ["replay"] = "audit", ["export"] = "audit", ["progress"] = "progress", ["notifications"] = "notifications", ["failover"] = "failover",
        ["longcases"] = "long-cases", ["scale"] = "scale", ["networks"] = "networks", ["insights"] = "insights",
        ["followup"] = "follow-up",
        ["processinglog"] = "processing-log",
        ["destruction"] = "destruction",
        ["upgrade"] = "upgrades",
        ["tenancy"] = "tenancy",
    };

    private static readonly Dictionary<string, string> Titles = new()
    {
        ["audit"] = "## Audit: replay and export", ["progress"] = "## Progress: projection lag, rebuild and reading the figures",
        ["notifications"] = "## Notifications: webhook latency, and catch-up after the receiver was down",
        ["failover"] = "## Failover: three nodes on one database, one killed under load",
        ["long-cases"] = "## Commands on long cases and on new ones: throughput, CPU per command, round trips, table sizes",
        ["scale"] = "## Reads at city scale: dashboard, list, search and export over a million cases (issue 15, ADR 20)",
        ["networks"] = "## The networks list at city scale: GET /api/networks over 10,000 networks and a million cases (issue 25)",
        ["insights"] = "## Eigen Kracht in Beeld at city scale: GET /api/insights over a million cases, and what a measurement costs (issue 26)",
        ["follow-up"] = "## Follow-up at city scale: the worklist over a million cases, and many deadlines falling due at once (issue 27)",
        ["processing-log"] = "## The processing log: GET /api/cases/{id} with and without it (issue 28, ADR 32)",
        ["destruction"] = "## Destruction of 10,000 cases while commands run (issue 28, ADR 34)",
        ["upgrades"] = "## A rolling upgrade at city scale: a new version of the case read model built beside the live one under load (issue 29, ADR 39)",
        ["tenancy"] = "## A database per municipality: connections per node at many tenant databases, and tenants on two servers (issue 30, ADR 40)",
    };

    public static async Task Main(string[] args)
    {
        var connectionString = args[0];
        if (args.Length > 2 && args[2] == "all")
        {
            await AllBenchmarks.Run(connectionString, args[1]);
            return;
        }
        if (args.Length > 2 && args[2] == "notes")
        {
            await AllBenchmarks.WithNotes(args[1]);
            return;
        }
        var folder = args[1];
        var which = args.Length > 2 ? args[2..] : ["replay", "export"];
        var unknown = which.Where(w => !Reports.ContainsKey(w)).ToList();
        if (unknown.Count > 0) throw new ArgumentException($"Unknown scenario {string.Join(", ", unknown)}; known: {string.Join(", ", Reports.Keys)}.");

        foreach (var report in which.Select(w => Reports[w]).Distinct())
        {
            var lines = new List<string>
            {
                Titles[report],
                "",
                $"Run {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC on {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, " +
                $".NET {Environment.Version}, Release build, Production configuration (static handler code), PostgreSQL on loopback. " +
                "Medians of interleaved runs; the × column is the ratio to the baseline measured in the same run." + LoadAverage(),
                "",
            };
            // Failover runs its own Host processes; the others measure a Host in process.
            if (report == "failover") lines.AddRange(await FailoverBenchmarks.Run(connectionString));
            else if (report == "long-cases") lines.AddRange(await LongCaseBenchmarks.Measure(connectionString));
            else if (report == "scale") lines.AddRange(await ScaleBenchmarks.Run(connectionString));
            else if (report == "networks") lines.AddRange(await NetworkBenchmarks.Run(connectionString));
            else if (report == "insights") lines.AddRange(await InsightBenchmarks.Run(connectionString));
            else if (report == "follow-up") lines.AddRange(await FollowUpBenchmarks.Run(connectionString));
            else if (report == "processing-log") lines.AddRange(await ProcessingLogBenchmarks.Run(connectionString));
            else if (report == "destruction") lines.AddRange(await DestructionBenchmarks.Run(connectionString));
            else if (report == "upgrades") lines.AddRange(await UpgradeBenchmarks.Run(connectionString));
            else if (report == "tenancy") lines.AddRange(await TenancyBenchmarks.Run(connectionString));
            else await using (var bench = await BenchHost.StartAsync(connectionString, settings: report == "notifications" ? NotificationBenchmarks.HostSettings : null))
            {
                if (which.Contains("replay") && report == "audit") lines.AddRange(await AuditBenchmarks.Replay(bench, connectionString, events: 10_000, runs: int.Parse(Environment.GetEnvironmentVariable("BENCH_REPLAY_RUNS") ?? "7")));
                if (which.Contains("export") && report == "audit") lines.AddRange(await AuditBenchmarks.Export(bench, connectionString, streams: 1_000, eventsPerStream: 100, runs: 5));
                if (report == "progress")
                {
                    lines.AddRange(Show(await ProgressBenchmarks.WarmUp(bench)));
                    var lagDuration = TimeSpan.FromSeconds(30);
                    lines.AddRange(Show(ProgressBenchmarks.LagTable(await ProgressBenchmarks.Lag(bench, connectionString, rates: [20, 100, 200], lagDuration), lagDuration)));
                    lines.AddRange(Show(await ProgressBenchmarks.Rebuild(bench, connectionString, streams: 2_000, eventsPerStream: 50, runs: 3)));
                }
                if (report == "notifications") lines.AddRange(await NotificationBenchmarks.Run(bench, connectionString));
            }

            var output = Path.Combine(folder, report + ".md");
            await File.WriteAllLinesAsync(output, lines);
            Console.WriteLine(string.Join(Environment.NewLine, lines));
        }
    }

    /// <summary>The machine's load when the run started (Linux): other work on a shared machine shows in the tails.</summary>
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? $" Load average at the start: {string.Join(" / ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3))} (1 / 5 / 15 min)." : "";

    /// <summary>Prints a section as soon as it is measured (long runs), and passes it on.</summary>
    private static IReadOnlyList<string> Show(IReadOnlyList<string> section)
    {
        Console.Error.WriteLine(string.Join(Environment.NewLine, section));
        return section;
    }
}
