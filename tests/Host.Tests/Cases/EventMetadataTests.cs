using Marten;
using Participation.Host.Security;
using Participation.Host.Tests.Support;

namespace Participation.Host.Tests.Cases;

/// <summary>Every stored event records who acted, the correlation of the request and its causation, and a real time.</summary>
[Collection(ApiCollection.Name)]
public sealed class EventMetadataTests(ApiFixture api)
{
    private async Task<IReadOnlyList<JasperFx.Events.IEvent>> Stream(Caller caller, Guid caseId)
    {
        var store = api.Host.Services.GetRequiredService<IDocumentStore>();
        await using var session = store.QuerySession(caller.Tenant);
        return await session.Events.FetchStreamAsync(caseId);
    }

    [Fact]
    public async Task The_acting_user_the_given_correlation_id_and_a_causation_id_are_recorded_on_every_event()
    {
        var joost = api.As("joost", "t-" + Guid.NewGuid().ToString("N")[..12], Roles.Caseworker);
        var correlation = "corr-" + Guid.NewGuid().ToString("N");
        var started = DateTimeOffset.UtcNow;

        var caseId = (Guid)(await joost.Post("/api/cases", Scenarios.NewCase(), ("X-Correlation-Id", correlation))).ShouldBe(201).Json["id"]!;
        var parent = (Guid)(await joost.Post($"/api/cases/{caseId}/participants", new { role = "parent", displayName = "Fatima" },
            ("X-Correlation-Id", correlation))).ShouldBe(200).Json["participantId"]!;
        (await joost.Post($"/api/cases/{caseId}/contacts",
            new { occurredAt = DateTimeOffset.UtcNow.AddHours(-1), kind = "phone", participantIds = new[] { parent }, summary = "Gebeld" },
            ("X-Correlation-Id", correlation))).ShouldBe(200);

        var events = await Stream(joost, caseId);

        Assert.Equal(3, events.Count);
        Assert.Equal([1L, 2L, 3L], events.Select(e => e.Version));
        Assert.All(events, e =>
        {
            Assert.Equal("joost", e.UserName);
            Assert.Equal(correlation, e.CorrelationId);
            Assert.False(string.IsNullOrWhiteSpace(e.CausationId), $"No causation id on {e.EventTypeName}");
            Assert.Equal(joost.Tenant, e.TenantId);
            Assert.InRange(e.Timestamp, started.AddMinutes(-1), DateTimeOffset.UtcNow.AddMinutes(1));
        });
        // Each request is its own cause.
        Assert.Equal(3, events.Select(e => e.CausationId).Distinct().Count());
        Assert.True(events[0].Timestamp <= events[1].Timestamp && events[1].Timestamp <= events[2].Timestamp);
    }

    [Fact]
    public async Task Without_a_correlation_header_each_request_gets_a_correlation_id_of_its_own()
    {
        var caller = api.NewTenant();
        var caseId = await caller.OpenCase();
        (await caller.Post($"/api/cases/{caseId}/assign", new { owner = "piet" })).ShouldBe(200);

        var events = await Stream(caller, caseId);

        Assert.Equal(2, events.Count);
        Assert.All(events, e =>
        {
            Assert.Equal(caller.Name, e.UserName);
            Assert.False(string.IsNullOrWhiteSpace(e.CorrelationId), $"No correlation id on {e.EventTypeName}");
            Assert.False(string.IsNullOrWhiteSpace(e.CausationId), $"No causation id on {e.EventTypeName}");
        });
        Assert.NotEqual(events[0].CorrelationId, events[1].CorrelationId);
    }

    [Fact]
    public async Task An_oversized_correlation_header_is_not_stored_as_given()
    {
        var caller = api.NewTenant();
        var huge = new string('c', 5000);

        var caseId = (Guid)(await caller.Post("/api/cases", Scenarios.NewCase(), ("X-Correlation-Id", huge))).ShouldBe(201).Json["id"]!;

        var opened = Assert.Single(await Stream(caller, caseId));
        Assert.False(string.IsNullOrWhiteSpace(opened.CorrelationId));
        Assert.NotEqual(huge, opened.CorrelationId);
    }

    [Fact]
    public async Task Each_event_records_the_user_who_acted_in_that_request()
    {
        var tenant = "t-" + Guid.NewGuid().ToString("N")[..12];
        var anna = api.As("anna", tenant, Roles.Caseworker);
        var admin = api.As("bea", tenant, Roles.Admin);
        var caseId = await anna.OpenCase();
        (await admin.Post($"/api/cases/{caseId}/assign", new { owner = "anna" }, ("X-Correlation-Id", "bea-run"))).ShouldBe(200);

        var events = await Stream(anna, caseId);

        Assert.Equal(["anna", "bea"], events.Select(e => e.UserName));
        Assert.Equal("bea-run", events[1].CorrelationId);
    }
}
