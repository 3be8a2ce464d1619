using Microsoft.AspNetCore.Authorization;
using Participation.Domain.Cases;
using Participation.Domain.Cases.Connections;
using Participation.Host.Security;
using Wolverine.Http;

namespace Participation.Host.Cases.Connections;

public static class ConnectNetworkEndpoint
{
    [EndpointSummary("Connect the case to a network")]
    [WolverinePost(CaseRoutes.Case + "/connections", OperationId = "ConnectNetwork"), Authorize(Policy = Policies.WriteCases)]
    public static (ConnectionAdded, CaseEvents) Post(ConnectNetwork command, [CaseStream] Case state, Stamp stamp)
    {
        var connectionId = Guid.CreateVersion7();
        var events = command.Decide(state, connectionId, stamp);
        return (new ConnectionAdded(connectionId, state.VersionAfter(events)), new CaseEvents(events));
    }
}
