using Marten;
using Microsoft.AspNetCore.Authorization;
using Participation.Domain.FollowUp;
using Participation.Host.Security;
using Wolverine.Http;

namespace Participation.Host.FollowUp.Norms;

/// <summary>One change of the norms: what they became, who set them and when, and the event's metadata.</summary>
public sealed record NormsChange(long Version, IReadOnlyList<NormBody> Norms, int? RemeasureAfterDays, string SetBy, DateTimeOffset SetAt, string? CorrelationId);

public sealed record NormsHistory(IReadOnlyList<NormsChange> Items);

public static class NormsHistoryEndpoint
{
    /// <summary>Every change of the tenant's norms, oldest first, from its settings stream.</summary>
    [EndpointSummary("Every change of the tenant's follow-up norms")]
    [WolverineGet(FollowUpRoutes.NormsHistory, OperationId = "GetNormsHistory"), Authorize(Policy = Policies.Audit)]
    public static async Task<NormsHistory> Get(IQuerySession session, CancellationToken cancellation)
    {
        var events = await session.Events.FetchStreamAsync(NormsStream.IdOf(session.TenantId), token: cancellation);
        return new NormsHistory(events.Where(e => e.Data is NormsSet).Select(e =>
        {
            var set = (NormsSet)e.Data;
            return new NormsChange(e.Version, set.Norms.Select(NormBody.Of).ToList(), set.RemeasureAfterDays, set.SetBy, set.SetAt, e.CorrelationId);
        }).ToList());
    }
}
