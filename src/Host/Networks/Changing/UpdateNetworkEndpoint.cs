using JasperFx.Events;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Participation.Domain.Cases;
using Participation.Domain.Networks;
using Participation.Domain.Networks.Updating;
using Participation.Host.Security;
using Wolverine.Http;

namespace Participation.Host.Networks.Changing;

public static class UpdateNetworkEndpoint
{
    [EndpointSummary("Change what a network is: its name, kind, neighbourhoods, description or organisation")]
    [WolverinePost(NetworkRoutes.Network + "/update", OperationId = "UpdateNetwork"), Authorize(Policy = Policies.WriteNetworks)]
    public static async Task<NetworkChanged> Post(UpdateNetwork command, [NetworkStream] IEventStream<NetworkState> stream, Stamp stamp,
        IDocumentSession session, CancellationToken cancellation)
    {
        var state = await stream.CurrentAsync(session, stamp, cancellation);
        var events = command.Decide(state, stamp);
        var (name, kind) = command.ClaimAfter(state);
        if (events.Count > 0 && NetworkNames.Claim(name, kind) != state.Claim
            && await NetworkDirectory.ClaimedByAsync(session, name, kind, cancellation) is { } other && other != state.Id)
            throw new NetworkRuleViolated(NetworkRules.NetworkExists, $"The tenant already has a network of this name and kind: {other}.", other);
        return stream.Append(events);
    }
}
