using Participation.Host.Tests.Support;

namespace Participation.Host.Tests.Cases;

[Collection(ApiCollection.Name)]
public class IdempotencyTests(ApiFixture api)
{
    [Fact]
    public async Task A_retried_command_with_the_same_key_and_body_returns_the_first_answer_and_appends_once()
    {
        var caller = api.NewTenant();
        var caseId = await caller.OpenCase();
        var key = ("Idempotency-Key", Guid.NewGuid().ToString());
        var body = new { occurredAt = DateTimeOffset.UtcNow.AddHours(-1), kind = "phone", participantIds = new[] { await caller.AddParticipant(caseId) }, summary = "Gebeld" };

        var first = (await caller.Post($"/api/cases/{caseId}/contacts", body, key)).ShouldBe(200);
        var retry = (await caller.Post($"/api/cases/{caseId}/contacts", body, key)).ShouldBe(200);

        Assert.Equal(first.Body, retry.Body);
        Assert.Equal(3, await caller.CurrentVersion(caseId));
        var state = (await caller.Get($"/api/cases/{caseId}")).Json;
        Assert.Single(state["contacts"]!.AsArray());
    }

    [Fact]
    public async Task Opening_a_case_twice_with_one_key_opens_one_case()
    {
        var caller = api.NewTenant();
        var key = ("Idempotency-Key", Guid.NewGuid().ToString());
        var first = (await caller.Post("/api/cases", Scenarios.NewCase(), key)).ShouldBe(201);
        var retry = (await caller.Post("/api/cases", Scenarios.NewCase(), key)).ShouldBe(201);

        Assert.Equal((Guid)first.Json["id"]!, (Guid)retry.Json["id"]!);
        Assert.Equal(first.Location, retry.Location);
        Assert.Equal(1, (long)(await caller.Get("/api/cases")).Json["total"]!);
    }

    [Fact]
    public async Task A_key_reused_for_another_body_is_refused_and_appends_nothing()
    {
        var caller = api.NewTenant();
        var caseId = await caller.OpenCase();
        var key = ("Idempotency-Key", Guid.NewGuid().ToString());
        (await caller.Post($"/api/cases/{caseId}/assign", new { owner = "piet" }, key)).ShouldBe(200);

        var reused = await caller.Post($"/api/cases/{caseId}/assign", new { owner = "klaas" }, key);

        Assert.InRange(reused.Status, 400, 499);
        Assert.Equal("piet", (string?)(await caller.Get($"/api/cases/{caseId}")).Json["owner"]);
    }

    [Fact]
    public async Task The_same_key_from_another_tenant_is_a_different_request()
    {
        var amsterdam = api.NewTenant();
        var denBosch = api.NewTenant();
        var key = ("Idempotency-Key", "shared-key-" + Guid.NewGuid());

        var first = (await amsterdam.Post("/api/cases", Scenarios.NewCase(), key)).ShouldBe(201);
        var second = (await denBosch.Post("/api/cases", Scenarios.NewCase(), key)).ShouldBe(201);

        Assert.NotEqual((Guid)first.Json["id"]!, (Guid)second.Json["id"]!);
    }

    [Fact]
    public async Task A_key_longer_than_200_characters_is_a_400_problem_and_appends_nothing()
    {
        var caller = api.NewTenant();
        var caseId = await caller.OpenCase();

        var problem = (await caller.Post($"/api/cases/{caseId}/assign", new { owner = "piet" }, ("Idempotency-Key", new string('k', 201))))
            .ShouldBeBadRequest(validation: true, "idempotencyKey");

        Assert.DoesNotContain("kkkk", problem.ToJsonString());
        Assert.Equal(1, await caller.CurrentVersion(caseId));
        (await caller.Post($"/api/cases/{caseId}/assign", new { owner = "piet" }, ("Idempotency-Key", new string('k', 200)))).ShouldBe(200);
    }
}
