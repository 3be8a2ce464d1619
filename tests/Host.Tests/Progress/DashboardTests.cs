using System.Globalization;
using System.Text.Json.Nodes;
using Participation.Host.Security;
using Participation.Host.Tests.Support;

namespace Participation.Host.Tests.Progress;

/// <summary><c>GET /api/dashboard</c>: every figure checked against values the test works out itself.</summary>
[Collection(ProgressCollection.Name)]
public sealed class DashboardTests(ProgressFixture progress)
{
    private static readonly string[] Domains = ["ouderparticipatie", "jeugdzorg", "sport"];
    private static readonly string[] Phases = ["engage", "strengthen", "connect"];
    private static readonly string[] Outcomes = ["achieved", "partly-achieved", "not-achieved", "handed-over", "stopped"];

    [Fact]
    public async Task Every_figure_of_a_realistic_spread_matches_what_the_cases_went_through()
    {
        var elsewhere = progress.NewStory();
        await elsewhere.Open(0, "sport", Hood.SlotermeerNoordoost, "Een casus van een andere gemeente");
        var (story, spread) = await progress.Spread();
        var cases = spread.Cases;

        await progress.CatchUp();
        story.At(ProgrammeSpread.Today);
        var dashboard = (await story.Manager.Get("/api/dashboard")).ShouldBe(200).Json;

        Assert.Equal(story.Day(ProgrammeSpread.Today), (DateTimeOffset)dashboard["asOf"]!);
        Assert.Equal(cases.Count(c => c.Status == "open"), (int)dashboard["open"]!);
        Assert.Equal(cases.Count(c => c.Status == "closed"), (int)dashboard["closed"]!);
        Assert.Equal((6, 5), ((int)dashboard["open"]!, (int)dashboard["closed"]!));

        var expectedGrid = from domain in Domains
                           from phase in Phases
                           let these = cases.Where(c => c.Domain == domain && c.Phase == phase).ToList()
                           select $"{domain} {phase} open={these.Count(c => c.Status == "open")} closed={these.Count(c => c.Status == "closed")}";
        Assert.Equal(expectedGrid, Rows(dashboard["byDomainAndPhase"], r => $"{r["domain"]} {r["phase"]} open={r["open"]} closed={r["closed"]}"));

        var expectedHoods = cases.GroupBy(c => c.Hood).OrderBy(g => g.Key.Code, StringComparer.Ordinal)
            .Select(g => $"{g.Key.Code} {g.Key.Name} {g.Key.District} open={g.Count(c => c.Status == "open")} closed={g.Count(c => c.Status == "closed")}");
        Assert.Equal(expectedHoods, Rows(dashboard["byNeighbourhood"], r => $"{r["code"]} {r["name"]} {r["district"]} open={r["open"]} closed={r["closed"]}"));
        Assert.Equal(4, dashboard["byNeighbourhood"]!.AsArray().Count);

        var expectedDistricts = cases.GroupBy(c => c.Hood.District).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"{g.Key} open={g.Count(c => c.Status == "open")} closed={g.Count(c => c.Status == "closed")}");
        Assert.Equal(expectedDistricts, Rows(dashboard["byDistrict"], r => $"{r["district"]} open={r["open"]} closed={r["closed"]}"));
        Assert.Equal(["Centrum open=2 closed=0", "Nieuw-West open=2 closed=4", "Zuidoost open=2 closed=1"], expectedDistricts);

        var expectedTimes = Phases.Select(phase =>
        {
            var days = cases.Select(c => phase switch { "engage" => c.Engage, "strengthen" => c.Strengthen, _ => c.Connect })
                .OfType<double>().Order().ToList();
            return $"{phase} cases={days.Count} median={Number(Quantile(days, 0.5))} p90={Number(Quantile(days, 0.9))}";
        }).ToList();
        Assert.Equal(expectedTimes, Rows(dashboard["timeInPhase"], r => $"{r["phase"]} cases={r["cases"]} median={Number((double?)r["median"])} p90={Number((double?)r["p90"])}"));
        Assert.Equal(["engage cases=11 median=10 p90=30", "strengthen cases=7 median=30 p90=97", "connect cases=5 median=22 p90=72.6"], expectedTimes);

        var expectedOutcomes = Outcomes.Select(o => $"{o}={cases.Count(c => c.Status == "closed" && c.Outcome == o)}");
        Assert.Equal(expectedOutcomes, Rows(dashboard["outcomes"], r => $"{r["outcome"]}={r["count"]}"));

        var stalled = cases.Where(c => c.Status == "open" && c.QuietSinceDay < ProgrammeSpread.Today - 30).OrderBy(c => c.QuietSinceDay).Select(c => c.Id).ToList();
        Assert.Equal([spread["B"].Id, spread["G"].Id, spread["E"].Id], stalled);
        Assert.Equal(30, (int)dashboard["stalled"]!["thresholdDays"]!);
        Assert.Equal(stalled.Count, (int)dashboard["stalled"]!["count"]!);
        Assert.Equal(stalled, dashboard["stalled"]!["caseIds"]!.AsArray().Select(id => (Guid)id!));
    }

    [Fact]
    public async Task A_case_becomes_stalled_as_time_passes_without_new_events_and_a_contact_moment_revives_it()
    {
        var story = progress.NewStory();
        var caseId = await story.Open(0, "jeugdzorg", Hood.BijlmerCentrum, "Stil gevallen");
        var parent = await story.Join(5, caseId);
        await story.Contact(5, caseId, parent);
        await progress.CatchUp();

        async Task<Guid[]> Stalled()
        {
            var stalled = (await story.Manager.Get("/api/dashboard")).ShouldBe(200).Json["stalled"]!;
            var ids = stalled["caseIds"]!.AsArray().Select(id => (Guid)id!).ToArray();
            Assert.Equal(ids.Length, (int)stalled["count"]!); // counted from the day figures and the cutoff day's index rows
            return ids;
        }

        story.At(30.5);
        Assert.Empty(await Stalled());
        story.At(35);
        Assert.Empty(await Stalled()); // exactly 30 days since the contact moment: not yet "more than 30"
        progress.Clock.Set(story.Day(35).AddSeconds(1));
        Assert.Equal([caseId], await Stalled());
        story.At(300);
        Assert.Equal([caseId], await Stalled());

        await story.Contact(300, caseId, parent, occurredOn: 299);
        await progress.CatchUp();
        Assert.Empty(await Stalled());
        story.At(329);
        Assert.Empty(await Stalled());
        story.At(330);
        Assert.Equal([caseId], await Stalled());

        await story.Close(330, caseId, "stopped");
        await progress.CatchUp();
        Assert.Empty(await Stalled()); // only open cases stall
        story.At(400);
        await story.Reopen(400, caseId);
        await progress.CatchUp();
        Assert.Empty(await Stalled()); // reopening restarts the quiet period
        story.At(431);
        Assert.Equal([caseId], await Stalled());
    }

    [Fact]
    public async Task An_open_case_keeps_counting_days_in_its_phase_while_time_passes()
    {
        var story = progress.NewStory();
        await story.Open(0, "sport", Hood.SlotermeerZuidwest, "Loopt door");
        await progress.CatchUp();

        story.At(3.5);
        var engage = (await story.Manager.Get("/api/dashboard")).ShouldBe(200).Json["timeInPhase"]!.AsArray().Single(r => (string?)r!["phase"] == "engage")!;
        Assert.Equal(3.5, (double)engage["median"]!);
        story.At(10);
        engage = (await story.Manager.Get("/api/dashboard")).ShouldBe(200).Json["timeInPhase"]!.AsArray().Single(r => (string?)r!["phase"] == "engage")!;
        Assert.Equal((1, 10.0, 10.0), ((int)engage["cases"]!, (double)engage["median"]!, (double)engage["p90"]!));
    }

    [Fact]
    public async Task A_neighbourhood_name_with_a_line_break_is_refused_and_a_slash_in_a_code_or_district_keeps_the_figures_apart()
    {
        var story = progress.NewStory();
        (await story.Caller.Post("/api/cases", Scenarios.NewCase(name: "Slotermeer-\nNoordoost"))).ShouldBeBadRequest(true, "neighbourhood.name");
        await story.Open(0, "sport", new Hood("A/08", "Kinkerbuurt", "Oud-West/De Baarsjes"), "Eerste");
        var closed = await story.Open(0, "sport", new Hood("A", "08/Kinkerbuurt", "Oud-West"), "Tweede");
        await story.Close(1, closed, "stopped");
        await progress.CatchUp();

        var dashboard = (await story.Manager.Get("/api/dashboard")).ShouldBe(200).Json;
        Assert.Equal(["Oud-West open=0 closed=1", "Oud-West/De Baarsjes open=1 closed=0"],
            Rows(dashboard["byDistrict"], r => $"{r["district"]} open={r["open"]} closed={r["closed"]}"));
        Assert.Equal(["A|08/Kinkerbuurt|Oud-West open=0 closed=1", "A/08|Kinkerbuurt|Oud-West/De Baarsjes open=1 closed=0"],
            Rows(dashboard["byNeighbourhood"], r => $"{r["code"]}|{r["name"]}|{r["district"]} open={r["open"]} closed={r["closed"]}"));
    }

    [Fact]
    public async Task A_tenant_without_cases_gets_zeros_and_no_durations()
    {
        var story = progress.NewStory();

        var dashboard = (await story.Manager.Get("/api/dashboard")).ShouldBe(200).Json;

        Assert.Equal((0, 0), ((int)dashboard["open"]!, (int)dashboard["closed"]!));
        Assert.Equal(9, dashboard["byDomainAndPhase"]!.AsArray().Count);
        Assert.Empty(dashboard["byNeighbourhood"]!.AsArray());
        Assert.All(dashboard["timeInPhase"]!.AsArray(), r => Assert.Null(r!["median"]));
        Assert.Equal(0, (int)dashboard["stalled"]!["count"]!);
    }

    [Theory]
    [InlineData(Roles.Manager, 200)]
    [InlineData(Roles.Auditor, 200)]
    [InlineData(Roles.Admin, 200)]
    [InlineData(Roles.Caseworker, 403)]
    public async Task Progress_routes_are_for_managers_auditors_and_admins(string role, int status)
    {
        var caller = progress.Caller("t-" + Guid.NewGuid().ToString("N")[..12], role);

        foreach (var route in new[] { "/api/dashboard", "/api/cases/export.csv" })
        {
            var response = await caller.Get(route);
            Assert.True(response.Status == status, $"{role} on {route}: {response.Status} {response.Body}");
            if (status == 403) response.ShouldBeProblem(403);
        }
    }

    /// <summary>The p-quantile by linear interpolation between the closest ranks of sorted values.</summary>
    private static double? Quantile(List<double> sorted, double p)
    {
        if (sorted.Count == 0) return null;
        var h = (sorted.Count - 1) * p;
        var lower = sorted[(int)h];
        var upper = sorted[Math.Min((int)h + 1, sorted.Count - 1)];
        return lower + (h - (int)h) * (upper - lower);
    }

    private static string Number(double? days) => days is { } d ? Math.Round(d, 2).ToString(CultureInfo.InvariantCulture) : "null";

    private static List<string> Rows(JsonNode? array, Func<JsonNode, string> row) => array!.AsArray().Select(r => row(r!)).ToList();
}
