using System.Net.Http.Json;
using Participation.Domain.Cases;
using Participation.Domain.Cases.Measuring;
using Participation.Domain.Insights;
using Participation.Projections.Insights;

namespace Participation.Bench;

/// <summary>
/// Eigen Kracht in Beeld at city scale (issue 26). One tenant with the scale benchmark's cases (<see cref="Seeder.CityCases"/>,
/// BENCH_INSIGHTS_CASES, default 1,000,000, over two years, 60 neighbourhoods in 6 districts); in every other case a resident
/// (or parent, or young person) joins and is measured at intake and at evaluation (a third also in between) in three to
/// seven ZRM life domains, levels mostly rising and support moving from professionals to the person and their network; one
/// case in four has a professional too; a connection and an agreement (by residents, or with the professional) in most of
/// them, a third settled. The <c>CaseInsights</c> projection is rebuilt by the daemon (timed against a raw COPY of the
/// events), then <c>GET /api/insights</c> for several quarters and filters is timed at p50/p99 against the raw SQL of its
/// figure rows (the statement the Host sends). Last, on a tenant of its own, recording a measurement against recording a
/// contact moment, interleaved on the same cases.
/// </summary>
public static class InsightBenchmarks
{
    public const string Schema = "bench_insights";
    private const string Tenant = "amsterdam";

    public static async Task<IReadOnlyList<string>> Run(string connectionString)
    {
        var cases = int.Parse(Environment.GetEnvironmentVariable("BENCH_INSIGHTS_CASES") ?? "1000000");
        var runs = int.Parse(Environment.GetEnvironmentVariable("BENCH_INSIGHTS_RUNS") ?? "100");
        var keep = Environment.GetEnvironmentVariable("BENCH_INSIGHTS_KEEP") == "1";
        var lines = new List<string>
        {
            "Rerun with `bash bench/run.sh insights` (`BENCH_INSIGHTS_CASES=100000` for a trial of a few minutes; `BENCH_INSIGHTS_KEEP=1` times the " +
            "reads again on the last run's data). The Host runs in the benchmark's process (Alba, Production configuration, the async daemon off), " +
            "every request timed by itself and interleaved with its baseline: the raw SQL of the figure rows the Host reads (one row per " +
            "neighbourhood and programme domain in force for the quarter), sent with Npgsql and read to the last byte. The Host also reads the " +
            "active networks, sums the rows into districts, the tenant and all domains, suppresses small cells over the whole table and writes the JSON.",
            "",
        };
        await using var bench = await BenchHost.StartAsync(connectionString, Schema, new Dictionary<string, string> { ["Marten:Daemon"] = "Disabled" }, reset: !keep);
        if (!keep)
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var events = await Seeder.CityCases(bench.Store, Tenant, cases, Work);
            Tools.Log($"seeded {events:N0} events in {watch.Elapsed.TotalSeconds:N0} s");
            await InTimeOrder(connectionString);
            Tools.Log($"events in time order after {watch.Elapsed.TotalSeconds:N0} s");
            await Tools.Sql(connectionString, $"vacuum analyze {Schema}.mt_events");
            lines.Add($"### Seeded: {cases:N0} cases in `{Tenant}`: {events:N0} events in {watch.Elapsed.TotalSeconds:N0} s");
            lines.Add("");
            lines.AddRange(await Rebuilds.Table(bench.Store, connectionString, Schema, events, [InsightsProjection.ProjectionName]));
            await Tools.Sql(connectionString, $"vacuum analyze {Schema}.{InsightFigureTable.Name}");
            lines.Add("");
        }
        var rows = await Tools.Scalar<long>(connectionString, $"select count(*) from {Schema}.{InsightFigureTable.Name} where tenant_id = '{Tenant}'");
        var measured = await Tools.Scalar<long>(connectionString,
            $"select count(*) from {Schema}.mt_doc_caseinsights where tenant_id = '{Tenant}' and jsonb_array_length(data -> 'measurements') > 0");
        var current = Quarter.Of(DateTimeOffset.UtcNow);
        (string Name, string Query, Quarter Quarter)[] reads =
        [
            ("the current quarter (the default)", "", current),
            ("the last full quarter", $"period={Quarter.FromIndex(current.Index - 1)}", Quarter.FromIndex(current.Index - 1)),
            ("a year before", $"period={Quarter.FromIndex(current.Index - 4)}", Quarter.FromIndex(current.Index - 4)),
            ("the last full quarter, jeugdzorg", $"period={Quarter.FromIndex(current.Index - 1)}&domain=jeugdzorg", Quarter.FromIndex(current.Index - 1)),
            ("the last full quarter, one district", $"period={Quarter.FromIndex(current.Index - 1)}&district=Stadsdeel%203", Quarter.FromIndex(current.Index - 1)),
        ];
        using var manager = bench.Client(Tenant, "manager");
        lines.Add($"### `GET /api/insights` in `{Tenant}` ({rows:N0} figure rows; {measured:N0} cases with measured residents; {runs} runs each after a warm-up, interleaved; ms)");
        lines.Add("");
        lines.Add("The Host keeps the table it built for a quarter and builds it again when the quarter's figure rows or the active networks " +
                  "changed (ADR 37): *as read again* times reads of an unchanged quarter, *after a change* times a read right after one of the " +
                  "quarter's figure rows was written (untimed), so the Host reads every row and builds the table.");
        lines.Add("");
        lines.Add("| read | read again p50 | p99 | after a change p50 | p99 | raw SQL p50 | raw SQL p99 | × raw (again, after a change) | answer kB | target: p50 ≤ 50 ms |");
        lines.Add("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var (name, query, quarter) in reads)
        {
            var path = "/api/insights" + (query.Length > 0 ? "?" + query : "");
            var size = (await manager.GetByteArrayAsync(path)).Length;
            // Tiered compilation settles before anything is timed (a Host that has served a few requests).
            for (var i = 0; i < 30; i++) await manager.GetByteArrayAsync(path);
            var (api, sql) = await Measure.Paired(runs, () => manager.GetByteArrayAsync(path), () => Tools.Read(connectionString, RawSql(quarter)));
            var changed = new List<double>();
            for (var i = 0; i < runs; i++)
            {
                await Tools.Sql(connectionString, TouchOneRow(quarter));
                changed.Add(await Measure.Time(() => manager.GetByteArrayAsync(path)));
            }
            changed.Sort();
            var (again, afterChange, raw) = (Tools.Percentile(api, 50), Tools.Percentile(changed, 50), Tools.Percentile(sql, 50));
            lines.Add($"| `GET {path}` ({name}) | {again:N1} | {Tools.Percentile(api, 99):N1} | {afterChange:N1} | {Tools.Percentile(changed, 99):N1} | " +
                      $"{raw:N2} | {Tools.Percentile(sql, 99):N2} | {again / raw:N2}, {afterChange / raw:N1} | {size / 1024.0:N0} | " +
                      $"read again {(again <= 50 ? "**met**" : "**missed**")}, after a change {(afterChange <= 50 ? "**met**" : "**missed**")} |");
        }
        lines.Add("");
        lines.AddRange(await CommandCost(bench, runs));
        return lines;
    }

    /// <summary>
    /// Numbers the events in the order of their own time, as two years of case work would have stored them: a bulk insert
    /// stores each case's two years at once. (The projection's rebuild writes a page's changes to every later quarter's row
    /// of their neighbourhoods, so events stored far out of time order, as such an import, make it several times slower; ADR 31.)
    /// </summary>
    private static async Task InTimeOrder(string connectionString)
    {
        var at = string.Join(", ", new[] { "openedAt", "joinedAt", "leftAt", "recordedAt", "connectedAt", "madeAt", "fulfilledAt",
            "brokenAt", "assignedAt", "changedAt", "closedAt", "reopenedAt", "erasedAt" }.Select(key => $"(data ->> '{key}')::timestamptz"));
        await Tools.Sql(connectionString, $"""
            create temporary table renumbered as
              select seq_id as old, row_number() over (order by coalesce({at}), seq_id) as new from {Schema}.mt_events;
            update {Schema}.mt_events as e set seq_id = -r.new from renumbered as r where e.seq_id = r.old;
            update {Schema}.mt_events set seq_id = -seq_id;
            """);
    }

    /// <summary>Writes one of the quarter's figure rows again, unchanged but for when, as the projection does after a command.</summary>
    private static string TouchOneRow(Quarter quarter) =>
        $"update {Schema}.{InsightFigureTable.Name} set {InsightFigureTable.Written} = now() where ctid = " +
        $"(select ctid from {Schema}.{InsightFigureTable.Name} where tenant_id = '{Tenant}' and quarter <= {quarter.Index} limit 1)";

    /// <summary>The statement of the Host's figure rows for one quarter (<c>InsightReading</c>), with the tenant and quarter written in.</summary>
    private static string RawSql(Quarter quarter) => $"""
        select g.district, g.neighbourhood, g.domain, f.quarter, f.name, case when f.quarter = {quarter.Index} then f.period end, f.state
        from (select distinct district, neighbourhood, domain from {Schema}.{InsightFigureTable.Name} where tenant_id = '{Tenant}') as g
        cross join lateral (
          select f.quarter, f.name, f.period, f.state from {Schema}.{InsightFigureTable.Name} as f
          where f.tenant_id = '{Tenant}' and f.district = g.district and f.neighbourhood = g.neighbourhood and f.domain = g.domain and f.quarter <= {quarter.Index}
          order by f.quarter desc limit 1) as f
        """;

    /// <summary>Recording a measurement against recording a contact moment: on the same cases, one after the other, each request timed by itself.</summary>
    private static async Task<IReadOnlyList<string>> CommandCost(BenchHost bench, int runs)
    {
        using var caseworker = bench.Client("commands", "caseworker");
        var cases = new List<(Guid Case, Guid Parent)>();
        for (var i = 0; i < 50; i++)
        {
            var opened = await Json(await caseworker.PostAsJsonAsync("/api/cases", new
            {
                domain = "jeugdzorg", title = $"Gezin {i}", neighbourhood = new { code = "E38", name = "Slotermeer-Noordoost", district = "Nieuw-West" },
            }));
            var caseId = opened.GetProperty("id").GetGuid();
            var joined = await Json(await caseworker.PostAsJsonAsync($"/api/cases/{caseId}/participants", new { role = "parent", displayName = "Fatima Yilmaz" }));
            cases.Add((caseId, joined.GetProperty("participantId").GetGuid()));
        }
        var (n, m) = (0, 0);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var (contact, measurement) = await Measure.Paired(runs * 2,
            async () =>
            {
                var (caseId, parent) = cases[n++ % cases.Count];
                Ok(await caseworker.PostAsJsonAsync($"/api/cases/{caseId}/contacts", new
                {
                    occurredAt = DateTimeOffset.UtcNow, kind = "home-visit", participantIds = new[] { parent }, summary = "Gesprek aan de keukentafel over de huur",
                }));
            },
            async () =>
            {
                var (caseId, parent) = cases[m++ % cases.Count];
                Ok(await caseworker.PostAsJsonAsync($"/api/cases/{caseId}/measurements", new
                {
                    participantId = parent, moment = "progress", measuredOn = today, note = "Gesprek aan de keukentafel over de huur",
                    domains = new[] { new { domain = "finances", level = 3, ownShare = 40, networkShare = 30, professionalShare = 30 } },
                }));
            });
        var ratio = Tools.Percentile(measurement, 50) / Tools.Percentile(contact, 50);
        return
        [
            $"### Recording a measurement against recording a contact moment ({runs * 2} of each, interleaved on the same 50 cases; ms)",
            "",
            "| command | p50 | p99 | × contact moment (p50) | target |",
            "|---|---:|---:|---:|---|",
            $"| `POST /api/cases/{{id}}/contacts` (baseline) | {Tools.Percentile(contact, 50):N2} | {Tools.Percentile(contact, 99):N2} | 1.00 | |",
            $"| `POST /api/cases/{{id}}/measurements` (one life domain and a note) | {Tools.Percentile(measurement, 50):N2} | {Tools.Percentile(measurement, 99):N2} | " +
            $"{ratio:N2} | ≤ 1× {(ratio <= 1.05 ? "**met**" : "**missed**")} (within the 5 % these runs vary by) |",
            "",
        ];
    }

    private static async Task<System.Text.Json.JsonElement> Json(HttpResponseMessage response) =>
        (await Ok(response).Content.ReadFromJsonAsync<System.Text.Json.JsonElement>());

    private static HttpResponseMessage Ok(HttpResponseMessage response) =>
        response.IsSuccessStatusCode ? response : throw new InvalidOperationException($"{response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {response.Content.ReadAsStringAsync().Result}");

    /// <summary>
    /// The own-strength work of every other case: a resident-side participant measured at intake and at evaluation (a third
    /// also in between), a professional in one case in four, a connection and an agreement in most, a third of those settled.
    /// </summary>
    private static IEnumerable<ICaseEvent> Work(int n, IReadOnlyList<ICaseEvent> stream)
    {
        if (n % 2 == 1) yield break;
        var random = new Random(n);
        var opened = stream[0].Stamp.At;
        var end = stream.FirstOrDefault(e => e is CaseClosed)?.Stamp.At ?? new[] { stream[^1].Stamp.At, opened.AddDays(120) }.Max();
        if (end > DateTimeOffset.UtcNow) end = DateTimeOffset.UtcNow.AddMinutes(-1);
        DateTimeOffset At(double share) => opened + (end - opened) * share;
        var resident = Guid.CreateVersion7();
        var role = (ParticipantRole)(n / 2 % 3); // resident, parent, youth
        yield return new ParticipantJoined(resident, role, $"Bewoner {n}", null, "seed", At(0.05));
        Guid? professional = n % 4 == 0 ? Guid.CreateVersion7() : null;
        if (professional is { } p) yield return new ParticipantJoined(p, ParticipantRole.Professional, $"Wijkcoach {n}", null, "seed", At(0.06));

        var domains = Enumerable.Range(0, 3 + random.Next(5)).Select(i => (LifeDomain)((n + i) % 13)).ToList();
        var scores = domains.Select(d =>
        {
            var professionalShare = 20 + 5 * random.Next(13);
            var networkShare = 5 * random.Next((100 - professionalShare) / 5 + 1);
            return new DomainScore(d, 1 + random.Next(4), 100 - professionalShare - networkShare, networkShare, professionalShare);
        }).ToList();
        var moments = n % 3 == 0 ? new[] { (0.1, MeasurementMoment.Intake), (0.35, MeasurementMoment.Progress), (0.6, MeasurementMoment.Evaluation) }
            : [(0.1, MeasurementMoment.Intake), (0.6, MeasurementMoment.Evaluation)];
        foreach (var (share, moment) in moments)
        {
            yield return new MeasurementRecorded(Guid.CreateVersion7(), resident, moment, DateOnly.FromDateTime(At(share).UtcDateTime), MeasurementScores.Encode(scores),
                null, "seed", At(share));
            scores = scores.Select(s => Later(s, random)).ToList();
        }
        if (random.Next(10) < 7)
            yield return new NetworkConnected(Guid.CreateVersion7(), new Network($"Buurtnetwerk {n % 40}", NetworkKind.Informal), [resident], "Samen verder", "seed", At(0.2));
        if (random.Next(10) < 8)
        {
            var agreement = Guid.CreateVersion7();
            IReadOnlyList<Guid> parties = professional is { } with && random.Next(2) == 0 ? [resident, with] : [resident];
            yield return new AgreementMade(agreement, parties, "Kookt mee op woensdag", null, null, "seed", At(0.3));
            if (n % 6 == 0) yield return new AgreementFulfilled(agreement, parties, "Gelukt", "seed", At(0.8));
            if (n % 6 == 2) yield return new AgreementBroken(agreement, parties, "Niet gelukt", "seed", At(0.8));
        }
    }

    /// <summary>The next measurement of a domain: the level mostly up (one in ten down), support shifting from professionals to the person and their network.</summary>
    private static DomainScore Later(DomainScore score, Random random)
    {
        var roll = random.Next(20);
        var level = Math.Clamp(score.Level + (roll < 2 ? -1 : roll < 8 ? 0 : roll < 17 ? 1 : 2), 1, 5);
        var shift = Math.Min(score.ProfessionalShare, 5 * random.Next(5));
        var toNetwork = 5 * random.Next(shift / 5 + 1);
        return score with { Level = level, ProfessionalShare = score.ProfessionalShare - shift, NetworkShare = score.NetworkShare + toNetwork, OwnShare = score.OwnShare + shift - toNetwork };
    }
}
