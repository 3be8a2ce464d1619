using Marten;
using Participation.Host.Tests.Support;
using Participation.Projections.Networks;
using Participation.Projections.Progress;

namespace Participation.Host.Tests.Progress;

[Collection(ProgressCollection.Name)]
public sealed class ProgressRebuildTests(ProgressFixture progress)
{
    [Fact]
    public async Task Rebuilding_the_progress_projections_from_the_command_line_reproduces_the_same_dashboard_and_networks()
    {
        var (story, _) = await progress.Spread();
        await progress.CatchUp();
        story.At(ProgrammeSpread.Today);
        var dashboard = (await story.Manager.Get("/api/dashboard")).ShouldBe(200).Body;
        var networks = (await story.Manager.Get("/api/networks")).ShouldBe(200).Body;

        await Lose(story.Caller.Tenant);
        Assert.NotEqual(dashboard, (await story.Manager.Get("/api/dashboard")).Body);
        Assert.NotEqual(networks, (await story.Manager.Get("/api/networks")).Body);

        var rebuilds = await DaemonPause.WhileAsync(progress.Host, () => Task.WhenAll(
            HostCommandLine.Run(progress.Schema, "projections", "rebuild", "-p", CaseProgressProjection.ProjectionName),
            HostCommandLine.Run(progress.Schema, "projections", "rebuild", "-p", NetworksProjection.ProjectionName)));

        Assert.All(rebuilds, r => Assert.True(r.ExitCode == 0 && r.Output.Contains("Projection Rebuild complete"), r.Output));
        Assert.Equal(dashboard, (await story.Manager.Get("/api/dashboard")).ShouldBe(200).Body);
        Assert.Equal(networks, (await story.Manager.Get("/api/networks")).ShouldBe(200).Body);
    }

    // Read models that drifted from their events: missing documents and a network that never existed.
    // The rebuild puts them right again, as the other tests sharing the spread expect.
    private async Task Lose(string tenant)
    {
        await using var session = progress.Host.Services.GetRequiredService<IDocumentStore>().LightweightSession(tenant);
        session.DeleteWhere<CaseProgress>(c => c.Status == Domain.Cases.CaseStatus.Open);
        session.DeleteWhere<NetworkSummary>(n => n.Cases > 0);
        session.Store(new NetworkSummary { Id = Guid.NewGuid(), Name = "Spook", Cases = 1 });
        await session.SaveChangesAsync();
    }
}
