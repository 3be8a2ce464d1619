using JasperFx.Events;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Participation.Domain.Cases;
using Participation.Domain.Networks;
using Participation.Domain.Networks.Retiring;
using Participation.Host.Security;
using Wolverine.Http;

namespace Participation.Host.Networks.Changing;

public static class RetireNetworkEndpoint
{
    [EndpointSummary("Retire a network that stopped (it keeps its history and takes no new connections)")]
    [WolverinePost(NetworkRoutes.Network + "/retire", OperationId = "RetireNetwork"), Authorize(Policy = Policies.ManageNetworks)]
    public static async Task<NetworkChanged> Post(RetireNetwork command, [NetworkStream] IEventStream<NetworkState> stream, Stamp stamp,
        IDocumentSession session, CancellationToken cancellation) =>
        stream.Append(command.Decide(await stream.CurrentAsync(session, stamp, cancellation), stamp));
}
