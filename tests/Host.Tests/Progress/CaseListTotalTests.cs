using System.Text.Json.Nodes;
using Participation.Host.Tests.Support;

namespace Participation.Host.Tests.Progress;

/// <summary>
/// The case list's <c>total</c> beyond <see cref="ProgressFixture.ExactTotalUpTo"/> matching cases: from the dashboard's
/// figures where they count the filters, else the planner's estimate; flagged as estimated either way.
/// </summary>
[Collection(ProgressCollection.Name)]
public sealed class CaseListTotalTests(ProgressFixture progress)
{
    [Fact]
    public async Task Beyond_the_exact_limit_the_total_comes_from_the_figures_where_they_count_the_filters()
    {
        var story = progress.NewStory();
        for (var i = 0; i < 5; i++) await story.Open(i, "sport", Hood.SlotermeerNoordoost, $"Sportcasus {i}");
        var closed = await story.Open(5, "sport", Hood.BijlmerCentrum, "Afgerond");
        await story.Close(6, closed, "stopped");
        await story.Open(7, "jeugdzorg", Hood.BijlmerCentrum, "Jeugdcasus");
        await progress.CatchUp();

        Assert.Equal((7L, true), await Total(story, "?pageSize=2"));
        Assert.Equal((6L, true), await Total(story, "?pageSize=2&domain=sport"));
        Assert.Equal((5L, true), await Total(story, "?pageSize=2&domain=sport&status=open"));
        Assert.Equal((5L, true), await Total(story, "?pageSize=2&neighbourhood=E38"));
        // Figures that count no more than the limit are not trusted: the cases are counted, exactly.
        Assert.Equal((2L, false), await Total(story, "?pageSize=1&neighbourhood=K24"));
        // Neither a neighbourhood and a domain together nor a text search has figures: counted up to the limit, then estimated.
        var (searched, estimated) = await Total(story, "?pageSize=2&q=sportcasus");
        Assert.True(estimated);
        Assert.True(searched > ProgressFixture.ExactTotalUpTo);
        // A short first page still tells its total exactly.
        Assert.Equal((7L, false), await Total(story, ""));
    }

    private static async Task<(long Total, bool Estimated)> Total(Story story, string query)
    {
        var page = (await story.Manager.Get("/api/cases" + query)).ShouldBe(200).Json;
        return ((long)page["total"]!, (bool)page["totalEstimated"]!);
    }
}
