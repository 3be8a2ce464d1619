using Marten;
using Microsoft.AspNetCore.Authorization;
using Participation.Domain.Networks;
using Participation.Host.Http;
using Participation.Host.Security;
using Participation.Projections.Networks;
using Wolverine.Http;

namespace Participation.Host.Networks.Reading;

public static class GetNetworkEndpoint
{
    /// <summary>
    /// One network with its description, connected cases and reach per quarter; <c>ETag</c> is its version. What the network
    /// is comes from its decision state, so a command's change reads back at once; its reach trails by what the daemon has yet to project.
    /// </summary>
    [EndpointSummary("One network, its connected cases and its reach by quarter")]
    [WolverineGet(NetworkRoutes.Network, OperationId = "GetNetwork"), Authorize(Policy = Policies.ReadNetworks)]
    public static async Task<NetworkView> Get(Guid networkId, IQuerySession session, HttpContext http, CancellationToken cancellation)
    {
        var batch = session.CreateBatchQuery();
        var state = batch.Load<NetworkState>(networkId);
        var summary = batch.Load<NetworkSummary>(networkId);
        var connected = batch.Load<NetworkCases>(networkId);
        await batch.Execute(cancellation);

        var network = (await state, await summary) switch
        {
            ({ } registered, var reach) => (reach ?? new NetworkSummary { Id = networkId }).Describe(registered),
            (null, { Registered: false } named) => named,
            _ => throw new ResourceNotFound($"Unknown network {networkId}."),
        };
        http.Response.Headers.ETag = IfMatch.ETag(network.Version);
        return new NetworkView(network, await connected ?? new NetworkCases { Id = networkId });
    }
}
