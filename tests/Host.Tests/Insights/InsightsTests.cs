using System.Text.Json.Nodes;
using Participation.Host.Tests.Progress;
using Participation.Host.Tests.Support;

namespace Participation.Host.Tests.Insights;

/// <summary><c>GET /api/insights</c> and its CSV: Eigen Kracht in Beeld per neighbourhood, district and tenant, safe to publish.</summary>
[Collection(ProgressCollection.Name)]
public sealed class InsightsTests(ProgressFixture progress)
{
    private static readonly string[] Domains = ["ouderparticipatie", "jeugdzorg", "sport"];

    [Fact]
    public async Task A_quarter_counts_the_cases_participants_agreements_and_networks_of_each_neighbourhood()
    {
        var told = await InsightsStory.Tell(progress);
        var answer = await Insights(told, $"?period={told.First}");

        Assert.Equal(told.First.ToString(), (string)answer["period"]!);
        Assert.Equal(ProgressFixture.MinimumCount, (int)answer["minimumCount"]!);
        var slotermeer = Row(answer, "neighbourhood", "E38");
        Assert.Equal("Slotermeer-Noordoost", (string)slotermeer["neighbourhood"]!["name"]!);
        Assert.Equal(4, (long)slotermeer["cases"]!);
        Assert.Equal(4, (long)slotermeer["participants"]!);
        Assert.Equal(4, (long)slotermeer["connections"]!);
        Assert.Equal(3, (long)slotermeer["networks"]!);
        Assert.Equal(3, (long)slotermeer["agreements"]!["byResidents"]!["made"]!);
        // One fulfilled, none broken, nothing with a professional: each below the threshold, so not shown.
        Assert.Null(slotermeer["agreements"]!["byResidents"]!["fulfilled"]);
        Assert.Contains("agreements.byResidents.fulfilled", Suppressed(slotermeer));
        // Measured once by the end of this quarter: nobody counts as measured yet.
        Assert.Null(slotermeer["measured"]);
        Assert.Equal(8, (long)Row(answer, "tenant")["cases"]!);

        // One case in Zuidoost: neither its neighbourhood nor its district shows it, and Nieuw-West, the tenant's other
        // district, is hidden too, or the tenant's 8 would give Zuidoost's 1 away.
        Assert.Null(Row(answer, "neighbourhood", "K24")["cases"]);
        Assert.Null(Row(answer, "district", district: "Zuidoost")["cases"]);
        Assert.Null(Row(answer, "district", district: "Nieuw-West")["cases"]);
        Assert.All(answer["rows"]!.AsArray(), row => Assert.All(Disclosure.Counts(row!), c => Assert.True(c.Value is null or >= ProgressFixture.MinimumCount, c.Field)));
    }

    [Fact]
    public async Task The_next_quarter_shows_who_improved_by_first_and_latest_level_and_the_support_moving_to_own_strength()
    {
        var told = await InsightsStory.Tell(progress);
        told.Story.At(told.NextQuarterDay);
        var answer = await Insights(told, "");

        Assert.Equal(told.Second.ToString(), (string)answer["period"]!);
        var slotermeer = Row(answer, "neighbourhood", "E38");
        Assert.Equal(4, (long)slotermeer["measured"]!);
        Assert.Equal(4, (long)slotermeer["cases"]!);
        Assert.Null(slotermeer["agreements"]!["byResidents"]!["made"]);
        var finances = slotermeer["domains"]!.AsArray().Single(d => (string)d!["domain"]! == "finances")!;
        Assert.Equal(3, (long)finances["firstLevels"]![1]!);
        Assert.Equal(3, (long)finances["latestLevels"]![3]!);
        Assert.Equal(3, (long)finances["improved"]!);
        // The one who stayed the same is alone, and so is every other level: none of them shows.
        Assert.Null(finances["same"]);
        Assert.Null(finances["firstLevels"]![2]);
        Assert.Equal(10, (double)finances["firstSupport"]!["own"]!);
        Assert.Equal(70, (double)finances["firstSupport"]!["professional"]!);
        Assert.Equal(40, (double)finances["latestSupport"]!["own"]!);
        Assert.Equal(20, (double)finances["latestSupport"]!["professional"]!);
        // Levels are ordinal: counted, never averaged; a life domain nobody was rated in has nothing but nulls.
        var housing = slotermeer["domains"]!.AsArray().Single(d => (string)d!["domain"]! == "housing")!;
        Assert.Null(housing["firstSupport"]!["own"]);
        Assert.Contains("domains.housing.firstSupport.own", Suppressed(slotermeer));
    }

    [Fact]
    public async Task No_suppressed_count_can_be_worked_out_from_the_totals_and_siblings_shown_in_any_domain()
    {
        var told = await InsightsStory.Tell(progress);
        foreach (var day in new[] { 0, told.NextQuarterDay })
        {
            told.Story.At(day);
            var all = await Insights(told, "");
            var byDomain = new Dictionary<string, JsonNode>();
            foreach (var domain in Domains) byDomain[domain] = await Insights(told, $"?domain={domain}");

            Assert.Empty(Disclosure.Recovered(all, byDomain));
            Assert.Contains(all["rows"]!.AsArray(), row => Suppressed(row!).Count > 0);
        }
    }

    [Fact]
    public async Task Filters_answer_the_rows_of_one_district_or_neighbourhood_with_the_same_figures_and_bad_filters_a_problem()
    {
        var told = await InsightsStory.Tell(progress);
        var all = await Insights(told, $"?period={told.First}");

        var nieuwWest = await Insights(told, $"?period={told.First}&district=Nieuw-West");
        Assert.Equal(["tenant", "district", "neighbourhood", "neighbourhood"], nieuwWest["rows"]!.AsArray().Select(r => (string)r!["level"]!));
        Assert.Equal(Row(all, "neighbourhood", "E38").ToJsonString(), Row(nieuwWest, "neighbourhood", "E38").ToJsonString());
        var bijlmer = await Insights(told, $"?period={told.First}&neighbourhood=K24");
        Assert.Equal(["tenant", "district", "neighbourhood"], bijlmer["rows"]!.AsArray().Select(r => (string)r!["level"]!));

        (await told.Story.Manager.Get("/api/insights?period=2026-Q5")).ShouldBeBadRequest();
        (await told.Story.Manager.Get("/api/insights?domain=voetbal")).ShouldBeBadRequest();
        (await told.Story.Caller.Get("/api/insights")).ShouldBeProblem(403);
    }

    [Fact]
    public async Task The_csv_has_a_record_per_row_with_the_same_figures_and_empty_fields_where_suppressed()
    {
        var told = await InsightsStory.Tell(progress);
        var json = await Insights(told, $"?period={told.First}");
        var csv = (await told.Story.Manager.Get($"/api/insights/export.csv?period={told.First}")).ShouldBe(200);
        Assert.StartsWith("text/csv", csv.ContentType);

        var lines = csv.Body.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var header = lines[0].Split(',');
        Assert.Equal(json["rows"]!.AsArray().Count, lines.Length - 1);
        var slotermeer = lines.Skip(1).Select(l => l.Split(',')).Single(f => f[Array.IndexOf(header, "neighbourhoodCode")] == "E38");
        Assert.Equal("4", slotermeer[Array.IndexOf(header, "cases")]);
        Assert.Equal("3", slotermeer[Array.IndexOf(header, "agreements.byResidents.made")]);
        Assert.Equal("", slotermeer[Array.IndexOf(header, "agreements.byResidents.fulfilled")]);
        Assert.Contains("agreements.byResidents.fulfilled", slotermeer[Array.IndexOf(header, "suppressed")].Split(' '));
    }

    private static async Task<JsonNode> Insights(InsightsStory told, string query) =>
        (await told.Story.Manager.Get("/api/insights" + query)).ShouldBe(200).Json;

    private static JsonNode Row(JsonNode answer, string level, string? code = null, string? district = null) =>
        answer["rows"]!.AsArray().Single(r => (string)r!["level"]! == level
                                              && (code is null || (string?)r["neighbourhood"]?["code"] == code)
                                              && (district is null || (string?)r["district"] == district))!;

    private static List<string> Suppressed(JsonNode row) => row["suppressed"]!.AsArray().Select(s => (string)s!).ToList();
}
