using Participation.Host.FollowUp.Reading;
using Participation.Host.Security;
using Participation.Projections.FollowUp;
using Participation.Host.Tests.Support;

namespace Participation.Host.Tests.FollowUp;

/// <summary>The worklist, the dashboard's punctuality and the case list's punctuality filter, on the fixture's clock.</summary>
[Collection(FollowUpCollection.Name)]
public sealed class WorklistTests(FollowUpFixture api)
{
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);

    [Fact]
    public async Task The_worklist_holds_what_is_overdue_most_overdue_first_filtered_and_paged_with_a_cursor()
    {
        var staff = api.NewStory();
        var oldest = await staff.OpenCase(Scenarios.NewCase(domain: "jeugdzorg", title: "Oudste"));
        (await staff.Post($"/api/cases/{oldest}/assign", new { owner = "anna" })).ShouldBe(200);
        api.Clock.Advance(20 * Day);
        var newer = await staff.OpenCase(Scenarios.NewCase(domain: "sport", title: "Nieuwer", code: "E39"));
        (await staff.Post($"/api/cases/{newer}/assign", new { owner = "piet" })).ShouldBe(200);
        var suspended = await staff.OpenCase(Scenarios.NewCase(title: "Wacht"));
        (await staff.Post($"/api/cases/{suspended}/suspend", new { reason = "Buitenland" })).ShouldBe(200);
        api.Clock.Set(api.Start.AddDays(95));
        var onTime = await staff.OpenCase(Scenarios.NewCase(title: "Net open"));
        api.Clock.Set(api.Start.AddDays(100));

        var page = (await staff.Get("/api/worklist")).ShouldBe(200).Json;
        var items = page["items"]!.AsArray();
        Assert.Equal([oldest, newer], items.Select(i => (Guid)i!["caseId"]!));
        // Beyond FollowUp:WorklistExactTotalUpTo (1 here) the total is the planner's estimate, at least one more than counted.
        Assert.True((bool)page["totalEstimated"]! && (long)page["total"]! >= 2, page.ToJsonString());
        Assert.Equal("late-3x", (string?)items[0]!["status"]);
        Assert.Equal("late", (string?)items[1]!["status"]);
        Assert.Equal(70, (int)items[0]!["daysOverdue"]!);
        Assert.Equal("Oudste", (string?)items[0]!["title"]);
        Assert.Equal("contact", (string?)items[0]!["kind"]);
        Assert.Equal("E39", (string?)items[1]!["neighbourhood"]!["code"]);
        Assert.DoesNotContain(items, i => (Guid)i!["caseId"]! == onTime || (Guid)i!["caseId"]! == suspended);

        var mine = (await staff.Get("/api/worklist?owner=me")).ShouldBe(200).Json;
        Assert.Equal([oldest], mine["items"]!.AsArray().Select(i => (Guid)i!["caseId"]!));
        Assert.Equal((1L, false), ((long)mine["total"]!, (bool)mine["totalEstimated"]!));
        Assert.Equal([newer], (await staff.Get("/api/worklist?status=late")).ShouldBe(200).Json["items"]!.AsArray().Select(i => (Guid)i!["caseId"]!));
        Assert.Equal([newer], (await staff.Get("/api/worklist?domain=sport&neighbourhood=E39&kind=contact")).ShouldBe(200).Json["items"]!.AsArray()
            .Select(i => (Guid)i!["caseId"]!));
        Assert.Empty((await staff.Get("/api/worklist?kind=agreement")).ShouldBe(200).Json["items"]!.AsArray());

        var first = (await staff.Get("/api/worklist?pageSize=1")).ShouldBe(200).Json;
        Assert.Equal([oldest], first["items"]!.AsArray().Select(i => (Guid)i!["caseId"]!));
        var next = (await staff.Get($"/api/worklist?pageSize=1&after={first["after"]}")).ShouldBe(200).Json;
        Assert.Equal([newer], next["items"]!.AsArray().Select(i => (Guid)i!["caseId"]!));
        Assert.Null(next["after"]);

        // A database from before the worklist's table: the first round of the timers fills it from the follow-up documents.
        var before = (await staff.Get("/api/worklist")).ShouldBe(200).Json["items"]!.ToJsonString();
        await Sql.ExecuteAsync($"delete from {api.Schema}.{FollowUpDeadlineTable.Name}");
        Assert.Empty((await staff.Get("/api/worklist")).ShouldBe(200).Json["items"]!.AsArray());
        await api.Host.Services.GetRequiredService<WorklistBackfill>().RunAsync(CancellationToken.None);
        Assert.Equal(before, (await staff.Get("/api/worklist")).ShouldBe(200).Json["items"]!.ToJsonString());

        (await staff.Get("/api/worklist?status=on-time")).ShouldBeProblem(400);
        (await staff.Get("/api/worklist?after=nonsense")).ShouldBeProblem(400);
        (await staff.Get("/api/worklist?kind=visit")).ShouldBeProblem(400);
        (await api.NewStory(Roles.Auditor).Get("/api/worklist")).ShouldBeProblem(403);
        Assert.Empty((await api.NewStory().Get("/api/worklist")).ShouldBe(200).Json["items"]!.AsArray());
    }

    [Fact]
    public async Task The_dashboard_counts_open_cases_by_punctuality_and_the_case_list_filters_on_it()
    {
        var staff = api.NewStory();
        var late = await staff.OpenCase(Scenarios.NewCase(domain: "sport"));
        api.Clock.Advance(50 * Day);
        var onTime = await staff.OpenCase(Scenarios.NewCase(domain: "sport"));
        var veryLate = await staff.OpenCase(Scenarios.NewCase(domain: "jeugdzorg"));
        api.Clock.Set(api.Start.AddDays(60));
        (await staff.Post($"/api/cases/{veryLate}/agreements", new
        {
            parties = new[] { await staff.AddParticipant(veryLate) }, gives = "Bellen", dueOn = DateOnly.FromDateTime(api.Start.UtcDateTime).AddDays(51),
        })).ShouldBe(200);
        api.Clock.Set(api.Start.AddDays(70));

        var cells = (await staff.Get("/api/dashboard")).ShouldBe(200).Json["punctuality"]!.AsArray();
        Assert.Equal(9, cells.Count);
        var sport = cells.Single(c => (string?)c!["domain"] == "sport" && (string?)c["phase"] == "engage")!;
        Assert.Equal((1, 1, 0), ((int)sport["onTime"]!, (int)sport["late"]!, (int)sport["lateThreeTimes"]!));
        var youth = cells.Single(c => (string?)c!["domain"] == "jeugdzorg" && (string?)c["phase"] == "engage")!;
        Assert.Equal((0, 0, 1), ((int)youth["onTime"]!, (int)youth["late"]!, (int)youth["lateThreeTimes"]!));

        async Task<Guid[]> Listed(string punctuality) =>
            [.. (await staff.Get($"/api/cases?punctuality={punctuality}")).ShouldBe(200).Json["items"]!.AsArray().Select(i => (Guid)i!["id"]!)];
        Assert.Equal([onTime], await Listed("on-time"));
        Assert.Equal([late], await Listed("late"));
        Assert.Equal([veryLate], await Listed("late-3x"));
        (await staff.Get("/api/cases?punctuality=soon")).ShouldBeProblem(400);
    }
}
