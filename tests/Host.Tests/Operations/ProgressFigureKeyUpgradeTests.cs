using System.Text.Json.Nodes;
using Marten;
using Marten.Events;
using Participation.Host.Security;
using Participation.Host.Tests.Support;
using Participation.Projections.Progress;

namespace Participation.Host.Tests.Operations;

/// <summary>A host of its own: the test makes its figures look like ones written before the keys were typed.</summary>
public sealed class ProgressFigureKeyUpgradeFixture() : ApiFixture("figure_key_upgrade_tests");

/// <summary>
/// Upgrading a database whose neighbourhood name cells joined their parts by line breaks (before <see cref="ProgressFigureKey"/>):
/// the node says the case progress waits for its rebuild, the dashboard answers (without those neighbourhoods) rather
/// than failing, and after the rebuild it answers as before.
/// </summary>
public sealed class ProgressFigureKeyUpgradeTests(ProgressFigureKeyUpgradeFixture fixture) : IClassFixture<ProgressFigureKeyUpgradeFixture>
{
    private static readonly (string, string) NoToken = ("Authorization", "");

    [Fact]
    public async Task Name_cells_joined_by_line_breaks_keep_the_node_unready_until_the_case_progress_is_rebuilt()
    {
        var caseworker = fixture.NewTenant(Roles.Caseworker);
        var manager = caseworker.WithRoles(Roles.Manager);
        await caseworker.OpenCase(Scenarios.NewCase(code: "A/08", name: "Kinkerbuurt", district: "Oud-West/De Baarsjes"));
        await fixture.Host.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));
        var dashboard = Dashboards.WithoutAsOf((await manager.Get("/api/dashboard")).ShouldBe(200).Body);

        await Sql.ExecuteAsync($"update {fixture.Schema}.{ProgressFigureTable.Name} set key = E'A/08\\nKinkerbuurt\\nOud-West/De Baarsjes' " +
                               $"where figure = '{ProgressFigures.NeighbourhoodName}'");

        var waiting = ReadModels((await caseworker.Get("/health/ready", NoToken)).ShouldBe(503).Json);
        Assert.Contains("'projections rebuild -p CaseProgress'", (string?)waiting["description"]);
        Assert.Empty((await manager.Get("/api/dashboard")).ShouldBe(200).Json["byNeighbourhood"]!.AsArray());

        var (exitCode, output) = await HostCommandLine.Run(fixture.Schema, "projections", "rebuild", "-p", "CaseProgress");
        Assert.True(exitCode == 0 && !output.Contains("Errors detected"), output);
        Assert.Equal(dashboard, Dashboards.WithoutAsOf((await manager.Get("/api/dashboard")).ShouldBe(200).Body));
        Assert.Equal("Healthy", (string?)ReadModels((await caseworker.Get("/health/ready", NoToken)).ShouldBe(200).Json)["status"]);
    }

    private static JsonNode ReadModels(JsonNode report) => report["checks"]!.AsArray().Single(c => (string?)c!["name"] == "read-models")!;
}
