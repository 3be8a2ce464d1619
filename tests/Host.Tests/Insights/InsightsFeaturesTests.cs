using System.Text.Json;
using System.Text.Json.Nodes;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Participation.Domain.Cases;
using Participation.Host.Insights;
using Participation.Host.Tests.Progress;
using Participation.Host.Tests.Support;
using Participation.Projections.Insights;
using Participation.Projections.Networks;

namespace Participation.Host.Tests.Insights;

/// <summary>The insights meet the other features in one tenant: measurements, an erasure, a network merge, tamper evidence and a rebuild.</summary>
[Collection(ProgressCollection.Name)]
public sealed class InsightsFeaturesTests(ProgressFixture progress)
{
    [Fact]
    public async Task An_erased_persons_measurements_and_a_merged_network_leave_the_figures_and_a_rebuild_gives_the_same_figures()
    {
        var told = await InsightsStory.Tell(progress);
        var story = told.Story;
        story.At(told.NextQuarterDay);
        var before = Slotermeer(await Insights(told, ""));
        Assert.Equal(4, (long)before["measured"]!);
        Assert.Equal(3, (long)before["networks"]!);
        await Everything(told);

        var (erasedCase, erasedParent) = told.Families[0];
        (await told.Admin.Post($"/api/cases/{erasedCase}/participants/{erasedParent}/erase", new { })).ShouldBe(200);
        (await told.Admin.Post($"/api/networks/{told.Networks[2]}/merge", new { into = told.Networks[0] })).ShouldBe(200);
        await progress.CatchUp();

        var after = Slotermeer(await Insights(told, ""));
        Assert.Equal(3, (long)after["measured"]!);
        var finances = after["domains"]!.AsArray().Single(d => (string)d!["domain"]! == "finances")!;
        // Two improved and one the same are left: none of them three or more, so none is shown.
        Assert.Null(finances["improved"]);
        Assert.Null(finances["firstLevels"]![1]);
        Assert.Null(after["networks"]);
        Assert.Contains("networks", after["suppressed"]!.AsArray().Select(s => (string)s!));
        Assert.True((bool)(await told.Admin.Get($"/api/cases/{erasedCase}/verify")).ShouldBe(200).Json["intact"]!);
        var (measurements, measured) = (await told.Admin.Get($"/api/cases/{erasedCase}")).ShouldBe(200).Json["measurements"]!.AsArray() is var list
            ? (list.Count, list.All(m => (bool)m!["erased"]! && m["domains"] is null))
            : (0, false);
        Assert.Equal((2, true), (measurements, measured));

        await AssertKeptTablesEqualTablesBuiltAnew(told);

        var published = await Everything(told);
        await Sql.ExecuteAsync($"delete from {progress.Schema}.{InsightFigureTable.Name} where tenant_id = '{story.Caller.Tenant}'");
        Assert.NotEqual(published, await Everything(told));

        var rebuilds = await DaemonPause.WhileAsync(progress.Host, () => Task.WhenAll(
            HostCommandLine.Run(progress.Schema, "projections", "rebuild", "-p", InsightsProjection.ProjectionName),
            HostCommandLine.Run(progress.Schema, "projections", "rebuild", "-p", NetworksProjection.ProjectionName)));
        Assert.All(rebuilds, r => Assert.True(r.ExitCode == 0 && r.Output.Contains("Projection Rebuild complete"), r.Output));
        Assert.Equal(published, await Everything(told));
    }

    /// <summary>
    /// The tables the Host kept from before the erasure and merge, which took in only the rows written since, answer as tables
    /// built from all rows do.
    /// </summary>
    private async Task AssertKeptTablesEqualTablesBuiltAnew(InsightsStory told)
    {
        var services = progress.Host.Services;
        var kept = services.GetRequiredService<InsightTables>();
        using var anew = ActivatorUtilities.CreateInstance<InsightTables>(services);
        await using var session = services.GetRequiredService<IDocumentStore>().QuerySession(told.Story.Caller.Tenant);
        foreach (var quarter in new[] { told.First, told.Second })
        foreach (var domain in Enum.GetValues<CaseDomain>().Select(d => (CaseDomain?)d).Prepend(null))
        {
            Assert.Equal(JsonSerializer.Serialize((await anew.OfAsync(session, quarter, default)).Rows(domain, null, null)),
                JsonSerializer.Serialize((await kept.OfAsync(session, quarter, default)).Rows(domain, null, null)));
        }
    }

    /// <summary>Every answer and export of both quarters, for all programme domains and each.</summary>
    private static async Task<string> Everything(InsightsStory told)
    {
        var answers = new List<string>();
        foreach (var quarter in new[] { told.First, told.Second })
        foreach (var domain in new[] { "", "&domain=jeugdzorg", "&domain=sport", "&domain=ouderparticipatie" })
        {
            answers.Add((await told.Story.Manager.Get($"/api/insights?period={quarter}{domain}")).ShouldBe(200).Body);
            answers.Add((await told.Story.Manager.Get($"/api/insights/export.csv?period={quarter}{domain}")).ShouldBe(200).Body);
        }
        return string.Join("\n", answers);
    }

    private static async Task<JsonNode> Insights(InsightsStory told, string query) =>
        (await told.Story.Manager.Get("/api/insights" + query)).ShouldBe(200).Json;

    private static JsonNode Slotermeer(JsonNode answer) =>
        answer["rows"]!.AsArray().Single(r => (string?)r!["neighbourhood"]?["code"] == "E38")!;
}
