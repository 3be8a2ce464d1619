using JasperFx.Events;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Participation.Domain.Cases;
using Participation.Domain.Networks;
using Participation.Domain.Networks.Merging;
using Participation.Host.Security;
using Wolverine.Http;

namespace Participation.Host.Networks.Changing;

public static class MergeNetworkEndpoint
{
    /// <summary>The network was a duplicate of <c>into</c>: every connection to it counts for that one from now on, and it is <c>merged</c>.</summary>
    [EndpointSummary("Merge a duplicate network into another")]
    [WolverinePost(NetworkRoutes.Network + "/merge", OperationId = "MergeNetwork"), Authorize(Policy = Policies.ManageNetworks)]
    public static async Task<NetworkChanged> Post(MergeNetwork command, [NetworkStream] IEventStream<NetworkState> stream, Stamp stamp,
        IDocumentSession session, CancellationToken cancellation)
    {
        var state = await stream.CurrentAsync(session, stamp, cancellation);
        var into = command.Into == Guid.Empty || command.Into == state.Id ? null : await TargetAsync(session, command.Into, stamp, cancellation);
        return stream.Append(command.Decide(state, into, stamp));
    }

    /// <summary>The network merged into; one only connections have named is registered in the same transaction.</summary>
    private static async Task<NetworkState?> TargetAsync(IDocumentSession session, Guid id, Stamp stamp, CancellationToken cancellation)
    {
        if (await session.LoadAsync<NetworkState>(id, cancellation) is { } registered) return registered;
        if (await NetworkDirectory.RegistrationOfUnregisteredAsync(session, id, stamp, cancellation) is not { } registration) return null;
        session.Events.StartStream<NetworkState>(id, registration);
        return NetworkState.Evolve(null, registration);
    }
}
