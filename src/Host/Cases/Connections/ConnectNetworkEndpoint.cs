using JasperFx.Events;
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
    public static ConnectionAdded Post(ConnectNetwork command, [CaseStream] IEventStream<Case> stream, HttpContext http)
    {
        var connectionId = Guid.CreateVersion7();
        return new(connectionId, http.Decide(stream, (state, stamp) => command.Decide(state, connectionId, stamp)));
    }
}
