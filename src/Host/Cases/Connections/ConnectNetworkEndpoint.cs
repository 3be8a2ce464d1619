using JasperFx.Events;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Participation.Domain.Cases;
using Participation.Domain.Cases.Connections;
using Participation.Host.Security;
using Wolverine.Http;

namespace Participation.Host.Cases.Connections;

public static class ConnectNetworkEndpoint
{
    [EndpointSummary("Connect the case to a network")]
    [WolverinePost(CaseCommands.CaseRoute + "/connections", OperationId = "ConnectNetwork"), Authorize(Policy = Policies.WriteCases)]
    public static async Task<ConnectionAdded> Post(ConnectNetwork command, [CaseStream] IEventStream<Case> stream, IDocumentSession session, HttpContext http)
    {
        var connectionId = Guid.CreateVersion7();
        return new(connectionId, await session.DecideAsync(http, stream, (state, stamp) => command.Decide(state, connectionId, stamp)));
    }
}
