using Microsoft.AspNetCore.Authorization;
using Participation.Domain.Cases;
using Participation.Domain.Cases.Closing;
using Participation.Host.Security;
using Wolverine.Http;

namespace Participation.Host.Cases.Closing;

public static class ReopenCaseEndpoint
{
    [EndpointSummary("Reopen a closed case")]
    [WolverinePost(CaseRoutes.Case + "/reopen", OperationId = "ReopenCase"), Authorize(Policy = Policies.WriteCases)]
    public static (CaseChanged, CaseEvents) Post(ReopenCase command, [CaseStream] Case state, Stamp stamp) =>
        CaseChanged.After(state, command.Decide(state, stamp));
}
