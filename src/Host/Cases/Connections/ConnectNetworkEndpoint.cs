using Marten;
using Microsoft.AspNetCore.Authorization;
using Participation.Domain.Cases;
using Participation.Domain.Cases.Connections;
using Participation.Domain.Networks;
using Participation.Host.Networks;
using Participation.Host.Security;
using Participation.Projections.Cases;
using Wolverine.Http;

namespace Participation.Host.Cases.Connections;

public static class ConnectNetworkEndpoint
{
    /// <summary>
    /// Connects the case to one of the tenant's networks, by <c>networkId</c>, or by <c>network</c>'s name and kind: the
    /// network that holds them, or one registered in the same transaction, active in the case's neighbourhood.
    /// </summary>
    [EndpointSummary("Connect the case to a network")]
    [WolverinePost(CaseRoutes.Case + "/connections", OperationId = "ConnectNetwork"), Authorize(Policy = Policies.WriteCases)]
    public static async Task<(ConnectionAdded, CaseEvents)> Post(ConnectNetwork command, [CaseStream] Case state, Stamp stamp, IDocumentSession session,
        CancellationToken cancellation)
    {
        command.Validated();
        state.EnsureOpen();
        var network = command.NetworkId is { } networkId
            ? await NetworkDirectory.FindAsync(session, networkId, cancellation)
              ?? throw new NetworkRuleViolated(NetworkRules.NetworkUnknown, $"The tenant has no network {networkId}.")
            : await NetworkDirectory.ForConnectionAsync(session, command.Network!, await NeighbourhoodOf(session, state, cancellation), stamp, cancellation);
        var connectionId = Guid.CreateVersion7();
        var events = command.Decide(state, connectionId, network, stamp);
        return (new ConnectionAdded(connectionId, state.VersionAfter(events)), new CaseEvents(events));
    }

    private static async Task<Neighbourhood> NeighbourhoodOf(IQuerySession session, Case state, CancellationToken cancellation) =>
        (await session.LoadAsync<CaseSummary>(state.Id, cancellation))?.Neighbourhood
        ?? throw new InvalidOperationException($"Case {state.Id} has no summary.");
}
