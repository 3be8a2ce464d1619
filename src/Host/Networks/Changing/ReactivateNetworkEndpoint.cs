using JasperFx.Events;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Participation.Domain.Cases;
using Participation.Domain.Networks;
using Participation.Domain.Networks.Retiring;
using Participation.Host.Security;
using Wolverine.Http;

namespace Participation.Host.Networks.Changing;

public static class ReactivateNetworkEndpoint
{
    [EndpointSummary("Reactivate a retired network")]
    [WolverinePost(NetworkRoutes.Network + "/reactivate", OperationId = "ReactivateNetwork"), Authorize(Policy = Policies.ManageNetworks)]
    public static async Task<NetworkChanged> Post(ReactivateNetwork command, [NetworkStream] IEventStream<NetworkState> stream, Stamp stamp,
        IDocumentSession session, CancellationToken cancellation) =>
        stream.Append(command.Decide(await stream.CurrentAsync(session, stamp, cancellation), stamp));
}
