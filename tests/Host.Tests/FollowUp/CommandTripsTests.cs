using Participation.Host.Tests.Support;

namespace Participation.Host.Tests.FollowUp;

/// <summary>What keeping a case's follow-up costs a case command in round trips to PostgreSQL.</summary>
[Collection(FollowUpCollection.Name)]
public sealed class CommandTripsTests(FollowUpFixture api)
{
    [Fact]
    public async Task A_case_command_loads_the_norms_in_the_batch_that_locks_the_case()
    {
        var caseworker = api.NewStory();
        var caseId = await caseworker.OpenCase();
        var parent = await caseworker.AddParticipant(caseId);
        await caseworker.RecordContact(caseId, parent);
        using var trips = new DatabaseTrips(caseworker.Tenant);

        await caseworker.RecordContact(caseId, parent);
        await caseworker.Post($"/api/cases/{caseId}/assign", new { owner = "piet" });

        Assert.Equal([2, 2], trips.PerRequest());
    }
}
