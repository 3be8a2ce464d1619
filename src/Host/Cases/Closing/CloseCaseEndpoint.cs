using JasperFx.Events;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Participation.Domain.Cases;
using Participation.Domain.Cases.Closing;
using Participation.Host.Security;
using Wolverine.Http;

namespace Participation.Host.Cases.Closing;

public static class CloseCaseEndpoint
{
    [EndpointSummary("Close the case with an outcome")]
    [WolverinePost(CaseCommands.CaseRoute + "/close", OperationId = "CloseCase"), Authorize(Policy = Policies.WriteCases)]
    public static async Task<CaseChanged> Post(CloseCase command, [CaseStream] IEventStream<Case> stream, IDocumentSession session, HttpContext http) =>
        new(await session.DecideAsync(http, stream, command.Decide));
}
