using System.Runtime.InteropServices;

namespace Participation.Bench;

/// <summary>
/// Usage: Participation.Bench &lt;connection string&gt; &lt;output.md&gt; [replay] [export]   (audit scenarios, docs/benchmarks/audit.md)
///        Participation.Bench &lt;connection string&gt; &lt;output.md&gt; all                  (the benchmark issue, docs/benchmarks.md)
/// </summary>
public static class BenchMain
{
    public static async Task Main(string[] args)
    {
        var connectionString = args[0];
        var output = args[1];
        if (args.Length > 2 && args[2] == "all")
        {
            await AllBenchmarks.Run(connectionString, output);
            return;
        }
        if (args.Length > 2 && args[2] == "notes")
        {
            await AllBenchmarks.WithNotes(output);
            return;
        }
        var which = args.Length > 2 ? args[2..] : ["replay", "export"];

        var report = new List<string>
        {
            "## Audit: replay and export",
            "",
            $"Run {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC on {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, " +
            $".NET {Environment.Version}, Release build, Production configuration (static handler code), PostgreSQL on loopback. " +
            "Medians of interleaved runs; the × column is the ratio to the baseline measured in the same run.",
            "",
        };

        await using (var bench = await BenchHost.StartAsync(connectionString))
        {
            if (which.Contains("replay")) report.AddRange(await AuditBenchmarks.Replay(bench, connectionString, events: 10_000, runs: 7));
            if (which.Contains("export")) report.AddRange(await AuditBenchmarks.Export(bench, connectionString, streams: 1_000, eventsPerStream: 100, runs: 5));
        }

        await File.WriteAllLinesAsync(output, report);
        Console.WriteLine(string.Join(Environment.NewLine, report));
    }
}
