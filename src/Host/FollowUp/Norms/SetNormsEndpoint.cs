using Marten;
using Microsoft.AspNetCore.Authorization;
using Participation.Domain.Cases;
using Participation.Domain.FollowUp;
using Participation.Host.Http;
using Participation.Host.Security;
using Participation.Projections.FollowUp;
using Wolverine.Http;

namespace Participation.Host.FollowUp.Norms;

public static class SetNormsEndpoint
{
    /// <summary>
    /// Sets the tenant's norms (replacing the ones before) as an event of its settings stream, so every change is on record;
    /// the deadlines and timers of every open case move in the same transaction. An empty list sets the defaults.
    /// </summary>
    [EndpointSummary("Set the tenant's follow-up norms")]
    [WolverinePut(FollowUpRoutes.Norms, OperationId = "SetNorms"), Authorize(Policy = Policies.Administer)]
    public static async Task<NormsView> Put(SetNormsBody body, Stamp stamp, IDocumentSession session, HttpContext http, CancellationToken cancellation)
    {
        var set = body.ToCommand().Decide(stamp);
        var stream = await session.Events.FetchForExclusiveWriting<NormsState>(NormsStream.IdOf(session.TenantId), cancellation);
        stream.AppendOne(set);
        await session.RescheduleTenantAsync(TenantNorms.From(set), stamp.At, cancellation);
        var version = (stream.StartingVersion ?? 0) + 1;
        http.Response.Headers.ETag = IfMatch.ETag(version);
        return NormsView.Of(set, version);
    }
}
