using Microsoft.AspNetCore.Authorization;
using Participation.Domain.Cases;
using Participation.Domain.Cases.Phases;
using Participation.Host.Security;
using Wolverine.Http;

namespace Participation.Host.Cases.Phases;

public static class ChangePhaseEndpoint
{
    [EndpointSummary("Move the case to another phase")]
    [WolverinePost(CaseRoutes.Case + "/phase", OperationId = "ChangePhase"), Authorize(Policy = Policies.WriteCases)]
    public static (CaseChanged, CaseEvents) Post(ChangePhase command, [CaseStream] Case state, Stamp stamp) =>
        CaseChanged.After(state, command.Decide(state, stamp));
}
