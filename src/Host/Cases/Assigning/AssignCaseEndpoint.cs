using JasperFx.Events;
using Marten;
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
    public static async Task<CaseChanged> Post(AssignCase command, [CaseStream] IEventStream<Case> stream, IDocumentSession session, HttpContext http) =>
        new(await session.DecideAsync(http, stream, command.Decide));
}
