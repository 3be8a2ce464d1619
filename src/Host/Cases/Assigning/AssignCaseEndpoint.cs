using JasperFx.Events;
using Microsoft.AspNetCore.Authorization;
using Participation.Domain.Cases;
using Participation.Domain.Cases.Assigning;
using Participation.Host.Security;
using Wolverine.Http;

namespace Participation.Host.Cases.Assigning;

public static class AssignCaseEndpoint
{
    [EndpointSummary("Assign the case to a caseworker")]
    [WolverinePost(CaseCommands.CaseRoute + "/assign", OperationId = "AssignCase"), Authorize(Policy = Policies.WriteCases)]
    public static CaseChanged Post(AssignCase command, [CaseStream] IEventStream<Case> stream, HttpContext http) =>
        new(http.Decide(stream, command.Decide));
}
