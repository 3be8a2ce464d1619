using System.Diagnostics;
using System.Net.Http.Json;
using Marten;
using Marten.Events;
using Participation.Domain.Cases;
using Participation.Domain.FollowUp;
using Participation.Projections.FollowUp;

namespace Participation.Bench;

/// <summary>
/// Follow-up at city scale (issue 27). One tenant with the scale benchmark's cases (<see cref="Seeder.CityCases"/>,
/// BENCH_FOLLOWUP_CASES, default 1,000,000), each assigned to one of 200 caseworkers, under the default norm (a contact
/// moment every 30 calendar days): every open case is overdue. The decision state is rebuilt and each open case's
/// follow-up written as a command writes it (document and worklist rows), then <c>GET /api/worklist</c> is timed at
/// p50/p99 against the raw SQL of its page (the seek the Host sends, joined to the case summaries for the titles). Last, many deadlines falling due at once while
/// commands run: on a schema of its own BENCH_FOLLOWUP_DUE cases (default 100,000; 0 skips this part) get their follow-up written at one moment,
/// all of them already late (30 days after their last contact), and the node's own timers record them while contact moments are sent
/// at a fixed concurrency; the commands' throughput against the same load just before.
/// </summary>
public static class FollowUpBenchmarks
{
    public const string Schema = "bench_follow_up";
    public const string DueSchema = "bench_follow_up_due";
    private const string Tenant = "amsterdam";
    private const string DueTenant = "due";
    private const int Owners = 200;
    private static readonly TimeSpan LoadWindow = TimeSpan.FromSeconds(20);

    public static async Task<IReadOnlyList<string>> Run(string connectionString)
    {
        var cases = int.Parse(Environment.GetEnvironmentVariable("BENCH_FOLLOWUP_CASES") ?? "1000000");
        var due = int.Parse(Environment.GetEnvironmentVariable("BENCH_FOLLOWUP_DUE") ?? "100000");
        var runs = int.Parse(Environment.GetEnvironmentVariable("BENCH_FOLLOWUP_RUNS") ?? "100");
        var keep = Environment.GetEnvironmentVariable("BENCH_FOLLOWUP_KEEP") == "1";
        var lines = new List<string>
        {
            "Rerun with `bash bench/run.sh followup` (`BENCH_FOLLOWUP_CASES=100000` for a trial; `BENCH_FOLLOWUP_KEEP=1` times the reads " +
            "again on the last run's data). The Host runs in the benchmark's process (Alba, Production configuration, the async daemon " +
            "off): for the worklist with its timers off (they would record the million overdue cases meanwhile), for the deadlines " +
            "falling due on a schema of its own with its timers on at their defaults (every 10 s, 500 cases a round) and the async daemon " +
            "on (it projects every recorded deadline, as in production).",
            "",
        };
        await using (var bench = await BenchHost.StartAsync(connectionString, Schema,
                         new Dictionary<string, string> { ["Marten:Daemon"] = "Disabled", ["FollowUp:Timers"] = "false" }, reset: !keep))
        {
            if (!keep)
            {
                var watch = Stopwatch.StartNew();
                var events = await Seeder.CityCases(bench.Store, Tenant, cases, Assigned);
                await Rebuilds.Rebuild(bench.Store, "Case");
                var (open, _) = await WriteFollowUps(bench.Store, Tenant);
                await Tools.Sql(connectionString, $"vacuum analyze {Schema}.{FollowUpDeadlineTable.Name}");
                lines.Add($"### Seeded: {cases:N0} cases in `{Tenant}` ({events:N0} events), {open:N0} open ones with their follow-up, in {watch.Elapsed.TotalSeconds:N0} s");
                lines.Add("");
            }
            lines.AddRange(await Worklist(bench, connectionString, runs));
        }
        if (due > 0)
        {
            await using var bench = await BenchHost.StartAsync(connectionString, DueSchema, new Dictionary<string, string> { ["Marten:Daemon"] = "Solo" });
            lines.AddRange(await FallingDue(bench, connectionString, due));
        }
        return lines;
    }

    private static async Task<IReadOnlyList<string>> Worklist(BenchHost bench, string connectionString, int runs)
    {
        var rows = await Tools.Scalar<long>(connectionString, $"select count(*) from {Schema}.{FollowUpDeadlineTable.Name} where tenant_id = '{Tenant}'");
        using var manager = bench.Client(Tenant, "manager");
        var deep = await ProgressBenchmarks.Json(await manager.GetAsync("/api/worklist?pageSize=200"));
        for (var page = 1; page < 10; page++) deep = await ProgressBenchmarks.Json(await manager.GetAsync($"/api/worklist?pageSize=200&after={deep.GetProperty("after").GetString()}"));
        var after = deep.GetProperty("after").GetString()!;
        var cursor = Host.FollowUp.Reading.WorklistCursor.Decode(after)!;
        var now = DateTimeOffset.UtcNow;
        (string Name, string Query, string Sql)[] reads =
        [
            ("the first page (the default: 50)", "", Page("")),
            ("the eleventh page of 200, after a cursor", $"pageSize=200&after={after}",
                Page($" and (due_at, case_id, kind, ref) > ('{cursor.DueAt:O}', '{cursor.CaseId}', {(short)cursor.Kind}, '{cursor.Ref ?? FollowUpDeadlineTable.NoRef}')", 200)),
            ("one caseworker's", "owner=medewerker7", Page(" and owner = 'medewerker7'")),
            ("one programme domain in one neighbourhood", "domain=jeugdzorg&neighbourhood=E07", Page($" and domain = '{CaseDomain.Jeugdzorg}' and neighbourhood = 'E07'")),
            ("three times late only", "status=late-3x", Page($" and late_three_times_at <= '{now:O}'")),
        ];
        var lines = new List<string>
        {
            $"### `GET /api/worklist` in `{Tenant}` ({rows:N0} deadlines of open cases; {runs} runs each after a warm-up, interleaved; ms)",
            "",
            "The baseline is the raw SQL of the page as the contract has it (its rows with each case's title and neighbourhood): the " +
            "seek on the table's order that the Host sends, joined to the case summaries, with the values written in, sent with Npgsql " +
            "and read to the last byte; the seek alone is shown beside it. The Host also counts the matches up to " +
            $"{new Host.FollowUp.Timers.FollowUpOptions().WorklistExactTotalUpTo:N0} and asks the planner's estimate in the same round trip, " +
            "checks the caller's token and writes the JSON.",
            "",
            "| read | Host p50 | Host p99 | raw page p50 | raw page p99 | × raw page (p50) | the seek alone p50 | target |",
            "|---|---:|---:|---:|---:|---:|---:|---|",
        };
        foreach (var (name, query, sql) in reads)
        {
            var path = "/api/worklist" + (query.Length > 0 ? "?" + query : "");
            var (api, raw) = await Measure.Paired(runs, () => manager.GetByteArrayAsync(path), () => Tools.Read(connectionString, WithTitles(sql)));
            var (_, seek) = await Measure.Paired(runs, () => Task.CompletedTask, () => Tools.Read(connectionString, sql));
            var ratio = Tools.Percentile(api, 50) / Tools.Percentile(raw, 50);
            lines.Add($"| `GET {path}` ({name}) | {Tools.Percentile(api, 50):N2} | {Tools.Percentile(api, 99):N2} | {Tools.Percentile(raw, 50):N2} | " +
                      $"{Tools.Percentile(raw, 99):N2} | {ratio:N1} | {Tools.Percentile(seek, 50):N2} | ≤ 3× {(ratio <= 3 ? "**met**" : "**missed**")} |");
        }
        lines.Add("");
        return lines;

        string Page(string filter, int size = 50) =>
            $"select tenant_id, case_id, kind, ref, due_at, late_three_times_at, owner, domain from {Schema}.{FollowUpDeadlineTable.Name} " +
            $"where tenant_id = '{Tenant}' and due_at <= now(){filter} order by due_at, case_id, kind, ref limit {size + 1}";

        string WithTitles(string page) =>
            "select d.case_id, d.kind, d.ref, d.due_at, d.late_three_times_at, d.owner, d.domain, s.title, s.data -> 'neighbourhood' " +
            $"from ({page}) as d left join {Schema}.mt_doc_casesummary as s on s.tenant_id = d.tenant_id and s.id = d.case_id " +
            "order by d.due_at, d.case_id, d.kind, d.ref";
    }

    /// <summary>
    /// Contact moments at a fixed concurrency for a window, then the same while <paramref name="due"/> cases fall due at once
    /// and the timers record them: the throughput of each window, and how long the timers took.
    /// </summary>
    private static async Task<IReadOnlyList<string>> FallingDue(BenchHost bench, string connectionString, int due)
    {
        // Through Marten's session (sealed, as the timers' appends continue each case's seal chain): opened 60 days ago.
        // A second apart, so every one of them is 60 days old and its contact deadline (30 days) has passed: one each.
        await Seeder.Cases(bench.Store, DueTenant, 0, due, contacts: 2, openedEvery: TimeSpan.FromSeconds(1));
        using var caseworker = bench.Client("commands", "caseworker");
        var load = await ContactLoad.StartAsync(caseworker);

        // The daemon has projected the seeded cases before the baseline, so neither window carries that.
        await bench.Host.WaitForNonStaleProjectionDataAsync(TimeSpan.FromMinutes(30));
        var quiet = await load.RunAsync(LoadWindow, () => false);
        Tools.Log($"commands alone: {quiet.Count / LoadWindow.TotalSeconds:N0}/s");

        var overdueEvents = $"select count(*) from {DueSchema}.mt_events where tenant_id = '{DueTenant}' and type = 'follow_up_overdue'";
        var firing = Stopwatch.StartNew();
        var expected = 0L;
        var recordedAt = TimeSpan.Zero;
        var timersDone = Task.Run(async () =>
        {
            (_, expected) = await WriteFollowUps(bench.Store, DueTenant);
            while (await Tools.Scalar<long>(connectionString, overdueEvents) < expected) await Task.Delay(200);
            recordedAt = firing.Elapsed;
        });
        // The commands run for as long as the timers work (at least the baseline's window), so the ratio covers all of it.
        var busy = await load.RunAsync(TimeSpan.FromMinutes(30), () => timersDone.IsCompleted && firing.Elapsed >= LoadWindow);
        await timersDone;
        var ratio = busy.Count / busy.Elapsed.TotalSeconds / (quiet.Count / quiet.Elapsed.TotalSeconds);
        return
        [
            $"### {due:N0} cases falling due at once while commands run (`{DueTenant}`; contact moments on 64 cases of another tenant, 8 at a time)",
            "",
            "| window | commands | s | commands/s | p50 ms | p99 ms | × alone |",
            "|---|---:|---:|---:|---:|---:|---:|",
            $"| commands alone (baseline) | {quiet.Count:N0} | {quiet.Elapsed.TotalSeconds:N1} | {quiet.Count / quiet.Elapsed.TotalSeconds:N0} | " +
            $"{Tools.Percentile(quiet.Sorted, 50):N2} | {Tools.Percentile(quiet.Sorted, 99):N2} | 1.00 |",
            $"| while the timers record {expected:N0} overdue deadlines | {busy.Count:N0} | {busy.Elapsed.TotalSeconds:N1} | {busy.Count / busy.Elapsed.TotalSeconds:N0} | " +
            $"{Tools.Percentile(busy.Sorted, 50):N2} | {Tools.Percentile(busy.Sorted, 99):N2} | {ratio:N2} (≥ 0.8 {(ratio >= 0.8 ? "**met**" : "**missed**")}) |",
            "",
            $"Every deadline and level recorded {recordedAt.TotalSeconds:N1} s after the follow-ups were written " +
            $"({(recordedAt <= TimeSpan.FromMinutes(5) ? "within 5 minutes: **met**" : "**more than 5 minutes**")}; " +
            $"{expected / recordedAt.TotalSeconds:N0} a second, {due:N0} due cases checked {new Participation.Host.FollowUp.Timers.FollowUpOptions().CasesPerTransaction} to a transaction).",
            "",
        ];
    }

    /// <summary>
    /// Writes every open case's follow-up as a command does (<see cref="FollowUpProjections.StoreFollowUp"/>: the document and its
    /// worklist rows), 5,000 cases a transaction, under the default norms; answers how many cases, and how many levels of
    /// their deadlines have passed (each one a <c>follow_up_overdue</c> the timers are to record).
    /// </summary>
    private static async Task<(long Cases, long LevelsPassed)> WriteFollowUps(IDocumentStore store, string tenant)
    {
        var now = DateTimeOffset.UtcNow;
        var last = Guid.Empty;
        var (cases, passed) = (0L, 0L);
        while (true)
        {
            await using var session = store.LightweightSession(tenant);
            var open = await session.QueryAsync<Case>("where data ->> 'status' = 'Open' and id > ? order by id limit 5000", last);
            if (open.Count == 0) return (cases, passed);
            foreach (var state in open)
            {
                var followUp = CaseFollowUp.Of(state, TenantNorms.Default, now);
                session.StoreFollowUp(followUp);
                cases++;
                passed += followUp.Deadlines.Sum(d => (d.DueAt <= now ? 1 : 0) + (d.LateThreeTimesAt <= now ? 1 : 0));
            }
            await session.SaveChangesAsync();
            last = open[^1].Id;
        }
    }

    /// <summary>Each case assigned to one of <see cref="Owners"/> caseworkers a day after it opened.</summary>
    private static IEnumerable<ICaseEvent> Assigned(int n, IReadOnlyList<ICaseEvent> stream) =>
        [new CaseAssigned($"medewerker{n % Owners}", null, "seed", stream[0].Stamp.At.AddDays(1))];
}
