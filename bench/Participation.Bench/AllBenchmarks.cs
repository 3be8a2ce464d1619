using System.Globalization;

namespace Participation.Bench;

/// <summary>
/// <c>bash bench/run.sh all</c>: every scenario (commands, framework overhead, reads, daemon lag,
/// rebuild, cold start), each against its baseline in the same run, written to docs/benchmarks.md.
/// BENCH_RUNS (default 5) and BENCH_SECONDS (default 6) shorten a trial run; BENCH_ONLY=commands,framework,reads,lag,rebuild,coldstart picks scenarios.
/// </summary>
public static class AllBenchmarks
{
    private const int HostPort = 5311, MinimalPort = 5312, ColdPort = 5313;

    public static async Task Run(string connectionString, string output)
    {
        var runs = Env("BENCH_RUNS", 5);
        var seconds = Env("BENCH_SECONDS", 6);
        var only = (Environment.GetEnvironmentVariable("BENCH_ONLY") ?? "commands,framework,reads,lag,rebuild,coldstart").Split(',');
        var report = new Report(await Machine.Describe(connectionString), runs, seconds);

        if (only.Intersect(["commands", "framework", "reads"]).Any())
        {
            var setup = new BenchSetup();
            await setup.Prepare(connectionString);
            report.Trips = setup.Trips;
            report.TimeTravelInProcess = setup.TimeTravelInProcess;
            var statements = new Statements(connectionString);

            await using (var host = ServerProcess.Start(Tools.HostDll, HostPort, ServerProcess.HostEnv(connectionString, BenchHost.Schema)))
            {
                await host.WaitUntilListening();
                var commands = new CommandBenchmarks(connectionString, setup);
                if (only.Contains("commands"))
                {
                    Tools.Log("1. commands: warm-up");
                    await commands.Http(HostPort, 4, 5);
                    await commands.Raw(4, 3);
                    await statements.Reset();
                    foreach (var run in Enumerable.Range(1, runs))
                        foreach (var clients in new[] { 1, 4, 16 })
                        {
                            Tools.Log($"1. commands: run {run}/{runs}, {clients} clients");
                            report.Http.Add(await commands.Http(HostPort, clients, seconds));
                            report.Raw.Add(await commands.Raw(clients, seconds));
                        }
                    report.TopStatements = await statements.Top(12);
                }

                if (only.Contains("reads"))
                {
                    var reads = new ReadBenchmarks(connectionString, setup);
                    var readSeconds = Math.Max(3, seconds * 5 / 8);
                    Tools.Log("3. reads: warm-up");
                    await reads.GetCase(HostPort, 1, 2);
                    await reads.RawCase(1, 2);
                    await reads.List(HostPort, 1, 2);
                    await reads.RawList(1, 2);
                    foreach (var run in Enumerable.Range(1, runs))
                    {
                        Tools.Log($"3. reads: run {run}/{runs}");
                        report.CaseReads.Add(await reads.GetCase(HostPort, 1, readSeconds));
                        report.RawCaseReads.Add(await reads.RawCase(1, readSeconds));
                        report.ListReads.Add(await reads.List(HostPort, 1, readSeconds));
                        report.RawListReads.Add(await reads.RawList(1, readSeconds));
                        report.HealthReads.Add(await reads.Health(HostPort, 1, readSeconds));
                    }
                    Tools.Log("3. reads: time travel");
                    report.TimeTravel = await reads.TimeTravel(HostPort, Math.Max(runs, 7));
                }

                if (only.Contains("framework"))
                {
                    await using var minimal = ServerProcess.Start(Tools.MinimalApiDll, MinimalPort, ServerProcess.HostEnv(connectionString, BenchHost.Schema));
                    await minimal.WaitUntilListening();
                    Tools.Log("2. framework: warm-up");
                    await commands.Http(MinimalPort, 4, 5);
                    await commands.Http(HostPort, 4, 3);
                    foreach (var run in Enumerable.Range(1, runs))
                        foreach (var clients in new[] { 1, 4 })
                        {
                            Tools.Log($"2. framework: run {run}/{runs}, {clients} clients");
                            report.Wolverine.Add(await commands.Http(HostPort, clients, seconds));
                            report.Minimal.Add(await commands.Http(MinimalPort, clients, seconds));
                        }
                }
            }
        }

        if (only.Contains("lag"))
        {
            // Half the peak this run measured (16 clients), or BENCH_LAG_RATE when the command runs were left out.
            var peak = report.Http.Where(r => r.Load.Clients == 16).Select(r => r.Load.OkPerSecond).ToList();
            report.LagRate = peak.Count > 0 ? (int)Math.Round(Tools.Median(peak) / 2) : Env("BENCH_LAG_RATE", 200);
            report.LagRateIsHalfPeak = peak.Count > 0;
            Tools.Log($"4. daemon lag at {report.LagRate} commands/s");
            await using var bench = await BenchHost.StartAsync(connectionString);
            await ProgressBenchmarks.WarmUp(bench);
            report.Lag = await ProgressBenchmarks.Lag(bench, connectionString, [report.LagRate], report.LagDuration);
        }

        if (only.Contains("rebuild"))
        {
            Tools.Log("4. rebuild: seeding 1,000,000 events");
            report.RebuildRuns = Env("BENCH_REBUILD_RUNS", 3);
            report.Rebuild = await new RebuildBenchmarks(connectionString).Measure(streams: Env("BENCH_REBUILD_STREAMS", 10_000), eventsPerStream: 100, runs: report.RebuildRuns);
        }

        if (only.Contains("coldstart"))
        {
            Tools.Log("5. cold start");
            report.ColdStarts = await new ColdStartBenchmarks(connectionString).Measure(runs, ColdPort);
        }

        var generated = report.Render(null);
        await File.WriteAllTextAsync(Generated, generated);
        await WithNotes(output);
    }

    /// <summary>The last run's figures (bench/results/, git-ignored), so the closing note can be re-attached without a rerun.</summary>
    private static string Generated => Path.Combine(Tools.Work, "benchmarks.generated.md");

    /// <summary>docs/benchmarks.md = the last run's figures + docs/benchmarks/notes.md (the closing note: what limits what).</summary>
    public static async Task WithNotes(string output)
    {
        var notes = Path.Combine(Tools.RepoRoot, "docs", "benchmarks", "notes.md");
        var text = (await File.ReadAllTextAsync(Generated)).TrimEnd() + Environment.NewLine + Environment.NewLine +
                   (File.Exists(notes) ? (await File.ReadAllTextAsync(notes)).Trim() + Environment.NewLine : "");
        await File.WriteAllTextAsync(output, text);
        Console.WriteLine(text);
    }

    private static int Env(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : fallback;
}
