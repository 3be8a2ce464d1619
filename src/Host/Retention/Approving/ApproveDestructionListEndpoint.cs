using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Participation.Domain.Retention;
using Participation.Host.Http;
using Participation.Host.Retention.Destroying;
using Participation.Host.Security;
using Wolverine;
using Wolverine.Http;

namespace Participation.Host.Retention.Approving;

public static class ApproveDestructionListEndpoint
{
    /// <summary>
    /// Four-eyes: an admin or auditor other than the list's author approves it (the author gets a 403 problem, <c>four-eyes</c>).
    /// The destruction starts in the background in the same transaction (a durable message) and the list answers at once,
    /// <c>destroying</c>; it turns <c>destroyed</c> when every case on it is.
    /// </summary>
    [EndpointSummary("Approve a destruction list (not by its author); the cases are destroyed in the background")]
    [WolverinePost(DestructionRoutes.List + "/approve", OperationId = "ApproveDestructionList"), Authorize(Policy = Policies.Audit)]
    [ProducesResponseType(typeof(DestructionListView), StatusCodes.Status202Accepted)]
    public static async Task<IResult> Post(Guid listId, IDocumentSession session, HttpContext http, TimeProvider clock, IMessageBus bus,
        CancellationToken cancellation)
    {
        var stream = await session.Events.FetchForWriting<DestructionList>(listId, cancellation);
        var list = stream.Aggregate ?? throw new ResourceNotFound($"There is no destruction list {listId}.");
        var events = DestructionRules.Approve(list, http.User.UserName(), clock.GetUtcNow()).ToList();
        stream.AppendMany(events);
        if (list.Pending.Any()) await DestroyCases.StartAsync(bus, listId, session.TenantId);
        var approved = events.Aggregate(list, (state, e) => DestructionList.Evolve(state, e) with { Version = state.Version + 1 });
        return Results.Accepted($"{DestructionRoutes.Lists}/{listId}", DestructionListView.Of(approved));
    }
}
