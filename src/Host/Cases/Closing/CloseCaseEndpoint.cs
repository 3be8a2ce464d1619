using Microsoft.AspNetCore.Authorization;
using Participation.Domain.Cases;
using Participation.Domain.Cases.Closing;
using Participation.Host.Security;
using Wolverine.Http;

namespace Participation.Host.Cases.Closing;

public static class CloseCaseEndpoint
{
    [EndpointSummary("Close the case with an outcome")]
    [WolverinePost(CaseRoutes.Case + "/close", OperationId = "CloseCase"), Authorize(Policy = Policies.WriteCases)]
    public static (CaseChanged, CaseEvents) Post(CloseCase command, [CaseStream] Case state, Stamp stamp) =>
        CaseChanged.After(state, command.Decide(state, stamp));
}
