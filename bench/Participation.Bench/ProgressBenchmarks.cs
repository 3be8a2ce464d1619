using System.Diagnostics;
using System.Net.Http.Json;
using Marten;
using Marten.Events;
using Npgsql;
using Participation.Projections.Progress;
using Participation.Projections.Networks;

namespace Participation.Bench;

/// <summary>The progress figures: async projection lag under a steady stream of commands, and rebuild rate.</summary>
public static class ProgressBenchmarks
{
    private static readonly string[] Shards = ["CaseProgress:All", "Networks:All"];

    /// <summary>Waits until the daemon runs (in Production, Wolverine first elects a leader and assigns the shards).</summary>
    public static async Task<IReadOnlyList<string>> WarmUp(BenchHost bench)
    {
        var tenant = "warmup-" + Guid.NewGuid().ToString("N")[..8];
        using var caseworker = bench.Client(tenant, "caseworker");
        var watch = Stopwatch.StartNew();
        (await caseworker.PostAsJsonAsync("/api/cases", NewCase(0))).EnsureSuccessStatusCode();
        await bench.Host.WaitForNonStaleProjectionDataAsync(TimeSpan.FromMinutes(3));
        return [$"Right after start-up the first command's events took {watch.Elapsed.TotalSeconds:N1} s to be projected " +
                "(Wolverine elects a leader and assigns the projection shards to nodes first).", ""];
    }

    /// <summary>One rate's figures for one async shard.</summary>
    public sealed record LagRun(int Rate, double Achieved, double CommandP50, double CommandP99, int Events, string Shard, double LagP50, double LagP99, double LagMax);

    /// <summary>
    /// Drives commands through the HTTP API at a fixed rate while sampling each async shard's progression
    /// every few milliseconds; an event's lag is the time from its append (the row's timestamp) to the
    /// first sample showing its shard past it.
    /// </summary>
    public static async Task<IReadOnlyList<LagRun>> Lag(BenchHost bench, string connectionString, int[] rates, TimeSpan duration)
    {
        var runs = new List<LagRun>();
        foreach (var rate in rates)
        {
            var tenant = $"lag{rate}-" + Guid.NewGuid().ToString("N")[..8];
            using var caseworker = bench.Client(tenant, "caseworker");
            var cases = await Prepare(caseworker, 200);
            await bench.Host.WaitForNonStaleProjectionDataAsync(TimeSpan.FromMinutes(1));
            var fromSequence = await Scalar(connectionString, $"select coalesce(max(seq_id), 0) from {BenchHost.Schema}.mt_events");

            using var stop = new CancellationTokenSource();
            var sampling = Sample(connectionString, stop.Token);
            var (achieved, latencies) = await Drive(caseworker, cases, rate, duration);
            await bench.Host.WaitForNonStaleProjectionDataAsync(TimeSpan.FromMinutes(2));
            await Task.Delay(100);
            stop.Cancel();
            var samples = await sampling;

            var events = await Appended(connectionString, tenant, fromSequence);
            foreach (var shard in Shards)
            {
                var lags = events.Select(e => (ProjectedAt(samples, shard, e.Sequence) - e.At).TotalMilliseconds).Order().ToList();
                runs.Add(new LagRun(rate, achieved, Pct(latencies, 0.5), Pct(latencies, 0.99), events.Count, shard, Pct(lags, 0.5), Pct(lags, 0.99), lags[^1]));
            }
        }
        return runs;
    }

    public static IReadOnlyList<string> LagTable(IReadOnlyList<LagRun> runs, TimeSpan duration)
    {
        var rows = new List<string>
        {
            $"### Projection lag under a steady stream of commands ({duration.TotalSeconds:N0} s per rate)",
            "",
            "| commands/s asked | achieved | command p50 ms | command p99 ms | events | shard | lag p50 ms | lag p99 ms | lag max ms |",
            "|---:|---:|---:|---:|---:|---|---:|---:|---:|",
        };
        rows.AddRange(runs.Select(r => $"| {r.Rate} | {r.Achieved:N0} | {r.CommandP50:N1} | {r.CommandP99:N1} | {r.Events:N0} | {r.Shard} | " +
                                        $"{r.LagP50:N0} | {r.LagP99:N0} | {r.LagMax:N0} |"));
        rows.Add("");
        rows.Add("Commands are a mix on 200 open cases (contact moments 50 %, strengths 20 %, network connections 20 %, assignments 10 %), " +
                 "issued at a fixed rate with at most 32 in flight. Progression is sampled every 10 ms, so lags are accurate to about 10 ms.");
        rows.Add("");
        return rows;
    }

    /// <summary>
    /// A full rebuild of each progress projection over every stored event through the JasperFx command line
    /// (`projections rebuild -p …`, a process of its own, as an operator runs it), against a raw COPY of the same rows.
    /// </summary>
    public static async Task<IReadOnlyList<string>> Rebuild(BenchHost bench, string connectionString, int streams, int eventsPerStream, int runs)
    {
        var tenant = "rebuild-" + Guid.NewGuid().ToString("N")[..8];
        await Seeder.ProgressStreams(bench.Store, tenant, streams, eventsPerStream);
        await bench.Host.WaitForNonStaleProjectionDataAsync(TimeSpan.FromMinutes(10));
        var total = await Scalar(connectionString, $"select count(*) from {BenchHost.Schema}.mt_events");
        var live = await ProgressRows(connectionString, tenant);

        var copy = new List<double>();
        var rebuilds = new Dictionary<string, (List<double> Rebuild, List<double> Process)>
        {
            [CaseProgressProjection.ProjectionName] = ([], []), [NetworksProjection.ProjectionName] = ([], []),
        };
        for (var run = 0; run <= runs; run++) // run 0 warms up
        {
            var watch = Stopwatch.StartNew();
            await RawCopy(connectionString);
            if (run > 0) copy.Add(watch.Elapsed.TotalMilliseconds);
            foreach (var (projection, times) in rebuilds)
            {
                var (rebuildMs, processMs) = await RebuildFromCommandLine(connectionString, projection);
                if (run == 0) continue;
                times.Rebuild.Add(rebuildMs);
                times.Process.Add(processMs);
            }
        }
        if (await ProgressRows(connectionString, tenant) != live) throw new InvalidOperationException("the rebuilt CaseProgress documents differ from the live ones");

        var baseline = Median(copy);
        var rows = new List<string>
        {
            $"### Rebuild of the progress projections over {total:N0} events ({runs} runs after a warm-up)",
            "",
            "| what | median ms | min ms | max ms | events/s | × baseline |",
            "|---|---:|---:|---:|---:|---:|",
            $"| raw COPY of the {total:N0} event rows to text (baseline) | {baseline:N0} | {copy.Min():N0} | {copy.Max():N0} | {total / (baseline / 1000):N0} | 1.0 |",
        };
        foreach (var (projection, times) in rebuilds)
        {
            var median = Median(times.Rebuild);
            rows.Add($"| `projections rebuild -p {projection}`: the rebuild | {median:N0} | {times.Rebuild.Min():N0} | {times.Rebuild.Max():N0} | {total / (median / 1000):N0} | {median / baseline:N1} |");
            rows.Add($"| the same, whole process (start-up included) | {Median(times.Process):N0} | {times.Process.Min():N0} | {times.Process.Max():N0} | | {Median(times.Process) / baseline:N1} |");
        }
        rows.Add("");
        rows.Add($"{streams:N0} case streams of {eventsPerStream} events with the projections' whole diet, plus the lag runs' events; " +
                 "\"the rebuild\" is the time the command reports for it, the process adds start-up. Networks reads only " +
                 "`network_connected` events, so its events/s counts events passed over, not read. The rebuilt CaseProgress documents " +
                 "were byte for byte the live ones.");
        rows.Add("");

        using var manager = bench.Client(tenant, "manager");
        var dashboard = await Measure.Interleaved(5,
            ("raw SQL read of the tenant's CaseProgress rows (baseline)", () => ProgressRows(connectionString, tenant)),
            ($"GET /api/dashboard over {streams:N0} cases", () => manager.GetStringAsync("/api/dashboard")),
            ("GET /api/networks", () => manager.GetStringAsync("/api/networks")));
        rows.AddRange([$"### Reading the figures of {streams:N0} cases (5 interleaved runs)", "", "| what | median ms | min ms | max ms | × baseline |", "|---|---:|---:|---:|---:|"]);
        rows.AddRange(dashboard.Select(t => $"| {t.Name} | {t.MedianMs:N1} | {t.MinMs:N1} | {t.MaxMs:N1} | {t.MedianMs / dashboard[0].MedianMs:N2} |"));
        rows.Add("");
        return rows;
    }

    private static async Task<(double RebuildMs, double ProcessMs)> RebuildFromCommandLine(string connectionString, string projection)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["ConnectionStrings__Marten"] = connectionString,
                ["Marten__Schema"] = BenchHost.Schema,
                ["Auth__SigningKey"] = Tools.SigningKey,
                ["Audit__SealKey"] = Tools.SealKey,
                ["Privacy__MasterKey"] = Tools.MasterKey,
            },
        };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "Participation.Host.dll"), "projections", "rebuild", "-p", projection })
            start.ArgumentList.Add(arg);
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var processMs = watch.Elapsed.TotalMilliseconds;
        var text = await output + await error;
        var reported = System.Text.RegularExpressions.Regex.Match(text, $@"Finished rebuilding {projection} in (\d+) ms");
        if (process.ExitCode != 0 || !reported.Success) throw new InvalidOperationException($"projections rebuild -p {projection} failed:\n{text}");
        return (double.Parse(reported.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), processMs);
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    private static object NewCase(int n) => new
    {
        domain = (n % 3) switch { 0 => "sport", 1 => "jeugdzorg", _ => "ouderparticipatie" },
        neighbourhood = new { code = "E38", name = "Slotermeer-Noordoost", district = "Nieuw-West" },
        title = $"Casus {n}", goal = "Buurtbewoners verbinden",
    };

    /// <summary>Opens <paramref name="count"/> cases through the API, each with one participant (a parent) to record things about.</summary>
    internal static async Task<List<(Guid Case, Guid Parent)>> Prepare(HttpClient caseworker, int count)
    {
        var cases = new List<(Guid, Guid)>();
        for (var n = 0; n < count; n++)
        {
            var opened = await Json(await caseworker.PostAsJsonAsync("/api/cases", NewCase(n)));
            var caseId = opened.GetProperty("id").GetGuid();
            var joined = await Json(await caseworker.PostAsJsonAsync($"/api/cases/{caseId}/participants", new { role = "parent", displayName = "Fatima" }));
            cases.Add((caseId, joined.GetProperty("participantId").GetGuid()));
        }
        return cases;
    }

    /// <summary>One command of a fixed-rate run: the client, the case and its parent, a pick from 0 to 9 and the command's number.</summary>
    internal delegate Task<HttpResponseMessage> Command(HttpClient caseworker, Guid caseId, Guid parent, int pick, int n);

    /// <summary>
    /// Issues <paramref name="rate"/> commands a second for <paramref name="duration"/> (at most 32 in flight) on random cases;
    /// the command mix of the lag runs unless <paramref name="command"/> says otherwise. Returns the rate achieved and the latencies, sorted.
    /// </summary>
    internal static async Task<(double Achieved, List<double> LatenciesMs)> Drive(HttpClient caseworker, List<(Guid Case, Guid Parent)> cases, int rate, TimeSpan duration,
        Command? command = null)
    {
        command ??= CommandMix;
        var random = new Random(rate);
        var total = (int)(rate * duration.TotalSeconds);
        var latencies = new List<double>(total);
        var took = await Tools.Paced(rate, total, async (n, _) =>
        {
            var (caseId, parent) = cases[random.Next(cases.Count)];
            var pick = random.Next(10);
            await Task.Yield();
            var started = Stopwatch.GetTimestamp();
            using var response = await command(caseworker, caseId, parent, pick, n);
            response.EnsureSuccessStatusCode();
            var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            lock (latencies) latencies.Add(ms);
        });
        latencies.Sort();
        return (total / took.TotalSeconds, latencies);
    }

    /// <summary>Contact moments 50 %, strengths 20 %, network connections 20 %, assignments 10 %.</summary>
    private static Task<HttpResponseMessage> CommandMix(HttpClient caseworker, Guid caseId, Guid parent, int pick, int n) => pick switch
    {
        < 5 => ContactMoment(caseworker, caseId, parent, pick, n),
        < 7 => caseworker.PostAsJsonAsync($"/api/cases/{caseId}/strengths", new { participantId = parent, category = "time", description = "Heeft tijd" }),
        < 9 => caseworker.PostAsJsonAsync($"/api/cases/{caseId}/connections", new
        {
            network = new { name = $"Netwerk {n % 25}", kind = "informal" }, participantIds = new[] { parent }, purpose = "Samen",
        }),
        _ => caseworker.PostAsJsonAsync($"/api/cases/{caseId}/assign", new { owner = $"cw-{n}" }),
    };

    /// <summary>Records a contact moment with the case's parent: one event.</summary>
    internal static Task<HttpResponseMessage> ContactMoment(HttpClient caseworker, Guid caseId, Guid parent, int pick, int n) =>
        caseworker.PostAsJsonAsync($"/api/cases/{caseId}/contacts", new
        {
            occurredAt = DateTimeOffset.UtcNow.AddHours(-1), kind = "meeting", participantIds = new[] { parent }, summary = "Bijeenkomst",
        });

    private sealed record Progression(DateTimeOffset At, Dictionary<string, long> Sequences);

    private static async Task<List<Progression>> Sample(string connectionString, CancellationToken stop)
    {
        var samples = new List<Progression>();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(CancellationToken.None);
        await using var command = new NpgsqlCommand($"select name, last_seq_id from {BenchHost.Schema}.mt_event_progression", connection);
        await command.PrepareAsync(CancellationToken.None);
        while (!stop.IsCancellationRequested)
        {
            var sequences = new Dictionary<string, long>();
            await using (var reader = await command.ExecuteReaderAsync(CancellationToken.None))
                while (await reader.ReadAsync(CancellationToken.None)) sequences[reader.GetString(0)] = reader.GetInt64(1);
            samples.Add(new Progression(DateTimeOffset.UtcNow, sequences));
            try { await Task.Delay(10, stop); } catch (OperationCanceledException) { }
        }
        return samples;
    }

    private static DateTimeOffset ProjectedAt(List<Progression> samples, string shard, long sequence)
    {
        var lo = 0;
        var hi = samples.Count - 1;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (samples[mid].Sequences.GetValueOrDefault(shard) >= sequence) hi = mid; else lo = mid + 1;
        }
        return samples[lo].Sequences.GetValueOrDefault(shard) >= sequence
            ? samples[lo].At
            : throw new InvalidOperationException($"{shard} never reached {sequence}");
    }

    private static async Task<List<(long Sequence, DateTimeOffset At)>> Appended(string connectionString, string tenant, long after)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            $"select seq_id, timestamp from {BenchHost.Schema}.mt_events where tenant_id = $1 and seq_id > $2 order by seq_id", connection)
        {
            Parameters = { new() { Value = tenant }, new() { Value = after } },
        };
        var events = new List<(long, DateTimeOffset)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) events.Add((reader.GetInt64(0), reader.GetFieldValue<DateTimeOffset>(1)));
        return events;
    }

    private static async Task RawCopy(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        using var export = await connection.BeginTextExportAsync(
            $"copy (select seq_id, stream_id, version, type, timestamp, tenant_id, data from {BenchHost.Schema}.mt_events order by seq_id) to stdout");
        var buffer = new char[64 * 1024];
        while (await export.ReadAsync(buffer, 0, buffer.Length) > 0) { }
    }

    private static async Task<string> ProgressRows(string connectionString, string tenant)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"select data::text from {BenchHost.Schema}.mt_doc_caseprogress where tenant_id = $1 order by id", connection)
        {
            Parameters = { new() { Value = tenant } },
        };
        var rows = new System.Text.StringBuilder();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) rows.AppendLine(reader.GetString(0));
        return rows.ToString();
    }

    private static async Task<long> Scalar(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    internal static async Task<System.Text.Json.JsonElement> Json(HttpResponseMessage response)
    {
        using (response)
        {
            response.EnsureSuccessStatusCode();
            return await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        }
    }

    internal static double Pct(List<double> sorted, double p) => sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
