using Participation.Host.Tests.Support;

namespace Participation.Host.Tests.Cases;

/// <summary>If-Match for optimistic concurrency, and racing writers without it: no lost or half-applied write.</summary>
[Collection(ApiCollection.Name)]
public class ConcurrencyTests(ApiFixture api)
{
    [Fact]
    public async Task If_match_with_the_current_version_applies_the_command_and_answers_the_new_etag()
    {
        var caller = api.NewTenant();
        var caseId = await caller.OpenCase();
        var etag = (await caller.Get($"/api/cases/{caseId}")).ShouldBe(200).ETag!;
        Assert.Equal("\"1\"", etag);

        var assigned = (await caller.Post($"/api/cases/{caseId}/assign", new { owner = "piet" }, ("If-Match", etag))).ShouldBe(200);

        Assert.Equal(2, assigned.Version);
        Assert.Equal("\"2\"", assigned.ETag);
        var state = (await caller.Get($"/api/cases/{caseId}")).ShouldBe(200);
        Assert.Equal("\"2\"", state.ETag);
        Assert.Equal("piet", (string?)state.Json["owner"]);

        var participant = (await caller.Post($"/api/cases/{caseId}/participants", new { role = "parent", displayName = "Fatima" }, ("If-Match", state.ETag!)))
            .ShouldBe(200);
        Assert.Equal(3, participant.Version);
        Assert.Equal("\"3\"", participant.ETag);
    }

    [Theory]
    [InlineData("\"1\"")]
    [InlineData("\"3\"")]
    [InlineData("\"0\"")]
    [InlineData("\"-1\"")]
    [InlineData("W/\"2\"")]
    [InlineData("\"abc\"")]
    [InlineData("\"1\", \"3\"")]
    public async Task A_stale_or_unknown_if_match_is_a_412_problem_and_appends_nothing(string ifMatch)
    {
        var caller = api.NewTenant();
        var caseId = await caller.OpenCase();
        (await caller.Post($"/api/cases/{caseId}/assign", new { owner = "piet" })).ShouldBe(200);

        var refused = await caller.Post($"/api/cases/{caseId}/assign", new { owner = "klaas" }, ("If-Match", ifMatch));

        refused.ShouldBeProblem(412).ShouldHaveCleanDetail();
        var state = (await caller.Get($"/api/cases/{caseId}")).Json;
        Assert.Equal(2, (long)state["version"]!);
        Assert.Equal("piet", (string?)state["owner"]);
    }

    [Fact]
    public async Task A_stale_if_match_refuses_every_kind_of_command()
    {
        var caller = api.NewTenant();
        var (caseId, parent) = await caller.CaseInPhase("engage");
        var before = await caller.CurrentVersion(caseId);
        var stale = ("If-Match", $"\"{before - 1}\"");

        (await caller.Post($"/api/cases/{caseId}/participants", new { role = "youth", displayName = "Sami" }, stale)).ShouldBeProblem(412);
        (await caller.Post($"/api/cases/{caseId}/contacts",
            new { occurredAt = DateTimeOffset.UtcNow, kind = "phone", participantIds = new[] { parent }, summary = "Gebeld" }, stale)).ShouldBeProblem(412);
        (await caller.Post($"/api/cases/{caseId}/phase", new { to = "strengthen" }, stale)).ShouldBeProblem(412);
        (await caller.Post($"/api/cases/{caseId}/close", new { outcome = "achieved", summary = "Klaar" }, stale)).ShouldBeProblem(412);

        Assert.Equal(before, await caller.CurrentVersion(caseId));
    }

    [Theory]
    [InlineData("*")]
    [InlineData("\"1\", \"2\"")]
    public async Task If_match_star_or_a_list_naming_the_current_version_is_accepted(string ifMatch)
    {
        var caller = api.NewTenant();
        var caseId = await caller.OpenCase();
        (await caller.Post($"/api/cases/{caseId}/assign", new { owner = "piet" })).ShouldBe(200);

        var assigned = (await caller.Post($"/api/cases/{caseId}/assign", new { owner = "klaas" }, ("If-Match", ifMatch))).ShouldBe(200);

        Assert.Equal(3, assigned.Version);
        Assert.Equal("\"3\"", assigned.ETag);
    }

    [Fact]
    public async Task Two_writers_with_the_same_if_match_do_not_both_win()
    {
        var caller = api.NewTenant();
        var caseId = await caller.OpenCase();
        var ifMatch = ("If-Match", "\"1\"");

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            caller.Post($"/api/cases/{caseId}/assign", new { owner = $"owner-{i}" }, ifMatch)));

        Assert.All(answers, a => Assert.True(a.Status is 200 or 409 or 412, $"Unexpected {a.Status}: {a.Body}"));
        var winner = Assert.Single(answers, a => a.Status == 200);
        Assert.Equal(2, winner.Version);
        Assert.Equal(2, await caller.CurrentVersion(caseId));
    }

    [Fact]
    public async Task Forty_racing_writers_lose_no_acknowledged_write()
    {
        var caller = api.NewTenant();
        var caseId = await caller.OpenCase();
        var parent = await caller.AddParticipant(caseId);
        var setupVersion = await caller.CurrentVersion(caseId);
        Assert.Equal(2, setupVersion);

        var writes = Enumerable.Range(0, 40).Select(async i =>
        {
            if (i % 2 == 0)
            {
                var contact = await caller.Post($"/api/cases/{caseId}/contacts", new
                {
                    occurredAt = DateTimeOffset.UtcNow.AddMinutes(-i), kind = "meeting", participantIds = new[] { parent }, summary = $"Gesprek {i}",
                });
                return (Kind: "contact", Response: contact, IdField: "contactId");
            }
            var participant = await caller.Post($"/api/cases/{caseId}/participants", new { role = "volunteer", displayName = $"Vrijwilliger {i}" });
            return (Kind: "participant", Response: participant, IdField: "participantId");
        });
        var answers = await Task.WhenAll(writes);

        Assert.All(answers, a => Assert.True(a.Response.Status is 200 or 409, $"Unexpected {a.Response.Status}: {a.Response.Body}"));
        var acknowledged = answers.Where(a => a.Response.Status == 200).ToArray();
        Assert.NotEmpty(acknowledged);
        var versions = acknowledged.Select(a => a.Response.Version).ToArray();
        Assert.Equal(versions.Length, versions.Distinct().Count());
        Assert.All(acknowledged, a => Assert.Equal($"\"{a.Response.Version}\"", a.Response.ETag));

        var state = (await caller.Get($"/api/cases/{caseId}")).ShouldBe(200);
        var finalVersion = state.Version;
        Assert.Equal(setupVersion + acknowledged.Length, finalVersion);
        Assert.Equal(Enumerable.Range((int)setupVersion + 1, acknowledged.Length).Select(v => (long)v), versions.Order());

        var contactIds = state.Json["contacts"]!.AsArray().Select(c => (Guid)c!["contactId"]!).ToHashSet();
        var participantIds = state.Json["participants"]!.AsArray().Select(p => (Guid)p!["participantId"]!).ToHashSet();
        foreach (var (kind, response, idField) in acknowledged)
        {
            var id = (Guid)response.Json[idField]!;
            Assert.Contains(id, kind == "contact" ? contactIds : participantIds);
        }
        Assert.Equal(acknowledged.Count(a => a.Kind == "contact"), contactIds.Count);
        Assert.Equal(acknowledged.Count(a => a.Kind == "participant") + 1, participantIds.Count);

        var listed = (await caller.Get("/api/cases")).Json["items"]![0]!;
        Assert.Equal(finalVersion, (long)listed["version"]!);
        Assert.Equal(contactIds.Count, (int)listed["contactMoments"]!);
        Assert.Equal(participantIds.Count, (int)listed["activeParticipants"]!);
    }
}
