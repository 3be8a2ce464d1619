using Participation.Host.Security;
using Participation.Host.Tests.Support;

namespace Participation.Host.Tests.Privacy;

[Collection(ApiCollection.Name)]
public sealed class RevealTests(ApiFixture api)
{
    [Fact]
    public async Task Sealed_text_reads_back_exactly_wherever_it_appears_even_when_json_must_escape_it()
    {
        const string name = "Zoë \"Zo\" O'Brien \\ <b>&amp; 😀 Ğ";
        const string summary = "Gesprek met Zoë over \"de buurt\" & <school> — 1/2";
        var caseworker = api.NewTenant(Roles.Caseworker);
        var caseId = await caseworker.OpenCase();
        var participant = await caseworker.AddParticipant(caseId, displayName: name);
        (await caseworker.Post($"/api/cases/{caseId}/contacts",
            new { kind = "home-visit", participantIds = new[] { participant }, summary, occurredAt = DateTimeOffset.UtcNow.AddHours(-1) })).ShouldBe(200);
        var auditor = caseworker.WithRoles(Roles.Auditor);

        var current = (await caseworker.Get($"/api/cases/{caseId}")).ShouldBe(200).Json;
        Assert.Equal(name, (string?)current["participants"]![0]!["displayName"]);
        Assert.Equal(summary, (string?)current["contacts"]![0]!["summary"]);

        var then = (await auditor.Get($"/api/cases/{caseId}/state?version=3")).ShouldBe(200).Json;
        Assert.Equal(current.ToJsonString(), then.ToJsonString());

        var history = (await auditor.Get($"/api/cases/{caseId}/history")).ShouldBe(200).Json.AsArray();
        Assert.Equal(name, (string?)history[1]!["data"]!["displayName"]);
        Assert.Equal(summary, (string?)history[2]!["data"]!["summary"]);

        var log = (await auditor.Get($"/api/audit?caseId={caseId}")).ShouldBe(200).Json;
        Assert.Equal(summary, (string?)log["items"]![2]!["data"]!["summary"]);
    }

    [Fact]
    public async Task An_answer_larger_than_a_pooled_segment_opens_every_value_including_those_across_segment_boundaries()
    {
        var caseworker = api.NewTenant(Roles.Caseworker);
        var caseId = await caseworker.OpenCase();
        var participant = await caseworker.AddParticipant(caseId);
        var summaries = Enumerable.Range(1, 100).Select(n => $"Gesprek {n}: " + string.Concat(Enumerable.Repeat($"Zoë vertelt over week {n}. ", 40))).ToList();
        foreach (var summary in summaries)
            (await caseworker.Post($"/api/cases/{caseId}/contacts",
                new { kind = "phone", participantIds = new[] { participant }, summary, occurredAt = DateTimeOffset.UtcNow.AddHours(-1) })).ShouldBe(200);

        var history = await caseworker.WithRoles(Roles.Auditor).Get($"/api/cases/{caseId}/history");
        var events = history.ShouldBe(200).Json.AsArray();

        Assert.True(history.Body.Length > 2 * 64 * 1024, $"the history is only {history.Body.Length} bytes");
        Assert.Equal(summaries, events.Skip(2).Select(e => (string?)e!["data"]!["summary"]));
        Assert.DoesNotContain("pd1:", history.Body);
    }
}
