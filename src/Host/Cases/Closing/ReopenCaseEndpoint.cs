using JasperFx.Events;
using Microsoft.AspNetCore.Authorization;
using Participation.Domain.Cases;
using Participation.Domain.Cases.Closing;
using Participation.Host.Security;
using Wolverine.Http;

namespace Participation.Host.Cases.Closing;

public static class ReopenCaseEndpoint
{
    [EndpointSummary("Reopen a closed case")]
    [WolverinePost(CaseCommands.CaseRoute + "/reopen", OperationId = "ReopenCase"), Authorize(Policy = Policies.WriteCases)]
    public static CaseChanged Post(ReopenCase command, [CaseStream] IEventStream<Case> stream, HttpContext http) =>
        new(http.Decide(stream, command.Decide));
}
