using Participation.Host.Privacy;
using Microsoft.Extensions.Options;
using Participation.Host.Tests.FollowUp;
using Participation.Host.Tests.Support;

namespace Participation.Host.Tests.Privacy;

/// <summary>Records older than <c>ProcessingLog:Retention</c> go, by the Host's clock; on the follow-up host, whose clock the tests move.</summary>
[Collection(FollowUpCollection.Name)]
public sealed class ProcessingLogRetentionTests(FollowUpFixture host)
{
    [Fact]
    public async Task Records_past_the_retention_are_removed_and_younger_ones_kept()
    {
        var caseworker = host.NewStory();
        var caseId = await caseworker.OpenCase();
        var old = await caseworker.AddParticipant(caseId);
        var retention = host.Host.Services.GetRequiredService<IOptions<ProcessingLogOptions>>().Value.Retention;
        Assert.Equal(TimeSpan.FromDays(730), retention);

        host.Clock.Advance(retention - TimeSpan.FromDays(1));
        var young = await caseworker.AddParticipant(caseId, "resident", "Henk de Vries");
        host.Clock.Advance(TimeSpan.FromDays(2));
        var removed = await host.Host.Services.GetRequiredService<ProcessingLogRetention>().RemoveExpiredAsync(CancellationToken.None);

        Assert.True(removed >= 1);
        var subjects = (await caseworker.Get($"/api/processing-log?caseId={caseId}")).ShouldBe(200).Json["items"]!.AsArray()
            .Select(r => (Guid)r!["dataSubjectId"]!).ToList();
        Assert.DoesNotContain(old, subjects);
        Assert.Contains(young, subjects);
        host.Clock.Set(host.Start);
    }
}
