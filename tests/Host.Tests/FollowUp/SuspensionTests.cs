using Participation.Host.Tests.Support;

namespace Participation.Host.Tests.FollowUp;

[Collection(FollowUpCollection.Name)]
public sealed class SuspensionTests(FollowUpFixture api)
{
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);

    [Fact]
    public async Task While_suspended_the_clocks_stand_still_and_every_deadline_moves_by_the_time_it_waited()
    {
        var caseworker = api.NewStory();
        var caseId = await caseworker.OpenCase();
        api.Clock.Advance(10 * Day);
        var until = DateOnly.FromDateTime(api.Clock.GetUtcNow().UtcDateTime).AddDays(30);
        (await caseworker.Post($"/api/cases/{caseId}/suspend", new { reason = "Het gezin is in het buitenland", until })).ShouldBe(200);

        var state = (await caseworker.Get($"/api/cases/{caseId}")).ShouldBe(200).Json;
        Assert.Equal(api.Start.AddDays(10), (DateTimeOffset)state["suspended"]!["since"]!);
        Assert.Equal(until, DateOnly.Parse((string)state["suspended"]!["until"]!));
        Assert.Equal("Het gezin is in het buitenland", (string?)state["suspended"]!["reason"]);

        // Forty days later the case is still on time, and nothing was recorded.
        api.Clock.Advance(40 * Day);
        await api.CheckTimers();
        Assert.Empty(await caseworker.Overdue(caseId));
        Assert.Equal("on-time", (string?)(await caseworker.Deadline(caseId, "contact"))["status"]);

        (await caseworker.Post($"/api/cases/{caseId}/resume", new { note = "Terug" })).ShouldBe(200);
        Assert.Null((await caseworker.Get($"/api/cases/{caseId}")).ShouldBe(200).Json["suspended"]);
        Assert.Equal(api.Start.AddDays(70), (DateTimeOffset)(await caseworker.Deadline(caseId, "contact"))["dueAt"]!);

        api.Clock.Advance(21 * Day);
        await api.CheckTimers();
        var overdue = Assert.Single(await caseworker.Overdue(caseId));
        Assert.Equal(api.Start.AddDays(70), (DateTimeOffset)overdue["data"]!["dueAt"]!);
    }

    [Fact]
    public async Task Suspending_a_suspended_or_closed_case_or_resuming_a_running_one_is_a_409_that_appends_nothing()
    {
        var caseworker = api.NewStory();
        var caseId = await caseworker.OpenCase();
        var version = (await caseworker.Post($"/api/cases/{caseId}/suspend", new { reason = "Wacht op de school" })).ShouldBe(200).Version;
        (await caseworker.Post($"/api/cases/{caseId}/suspend", new { reason = "Nog eens" })).ShouldBeProblem(409, "case-suspended");
        (await caseworker.Post($"/api/cases/{caseId}/resume", new { note = "Verder" })).ShouldBe(200);
        (await caseworker.Post($"/api/cases/{caseId}/resume", new { note = "Nog eens" })).ShouldBeProblem(409, "case-not-suspended");
        (await caseworker.Post($"/api/cases/{caseId}/close", new { outcome = "stopped", summary = "Gestopt" })).ShouldBe(200);
        (await caseworker.Post($"/api/cases/{caseId}/suspend", new { reason = "Dicht" })).ShouldBeProblem(409, "case-closed");
        Assert.Equal(version + 2, (long)(await caseworker.Get($"/api/cases/{caseId}")).ShouldBe(200).Json["version"]!);
    }

    [Fact]
    public async Task A_suspension_needs_a_reason_and_an_until_that_has_not_passed()
    {
        var caseworker = api.NewStory();
        var caseId = await caseworker.OpenCase();
        (await caseworker.Post($"/api/cases/{caseId}/suspend", new { reason = "" })).ShouldBeProblem(400);
        var problem = (await caseworker.Post($"/api/cases/{caseId}/suspend",
            new { reason = "Vakantie", until = DateOnly.FromDateTime(api.Start.UtcDateTime).AddDays(-1) })).ShouldBeProblem(400);
        Assert.NotNull(problem["errors"]!["until"]);
    }

    [Fact]
    public async Task Nothing_is_recorded_for_a_closed_case()
    {
        var caseworker = api.NewStory();
        var caseId = await caseworker.OpenCase();
        (await caseworker.Post($"/api/cases/{caseId}/close", new { outcome = "stopped", summary = "Gestopt" })).ShouldBe(200);
        api.Clock.Advance(100 * Day);
        await api.CheckTimers();
        Assert.Empty(await caseworker.Overdue(caseId));
        Assert.Empty(await caseworker.FollowUp(caseId));
    }
}
