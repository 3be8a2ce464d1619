using Marten;
using Microsoft.AspNetCore.Authorization;
using Participation.Domain.FollowUp;
using Participation.Host.Http;
using Participation.Host.Security;
using Participation.Projections.FollowUp;
using Wolverine.Http;

namespace Participation.Host.FollowUp.Norms;

public static class GetNormsEndpoint
{
    /// <summary>The norms in force; without norms of its own a tenant has a contact moment at least every 30 calendar days.</summary>
    [EndpointSummary("The tenant's follow-up norms in force")]
    [WolverineGet(FollowUpRoutes.Norms, OperationId = "GetNorms"), Authorize(Policy = Policies.ReadCases)]
    public static async Task<NormsView> Get(IQuerySession session, HttpContext http, CancellationToken cancellation)
    {
        var state = await session.LoadAsync<NormsState>(NormsStream.IdOf(session.TenantId), cancellation);
        http.Response.Headers.ETag = IfMatch.ETag(state?.Version ?? 0);
        return NormsView.Of(state?.Current, state?.Version ?? 0);
    }
}
