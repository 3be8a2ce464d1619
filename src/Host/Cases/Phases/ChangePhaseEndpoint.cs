using JasperFx.Events;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Participation.Domain.Cases;
using Participation.Domain.Cases.Phases;
using Participation.Host.Security;
using Wolverine.Http;

namespace Participation.Host.Cases.Phases;

public static class ChangePhaseEndpoint
{
    [EndpointSummary("Move the case to another phase")]
    [WolverinePost(CaseCommands.CaseRoute + "/phase", OperationId = "ChangePhase"), Authorize(Policy = Policies.WriteCases)]
    public static async Task<CaseChanged> Post(ChangePhase command, [CaseStream] IEventStream<Case> stream, IDocumentSession session, HttpContext http) =>
        new(await session.DecideAsync(http, stream, command.Decide));
}
