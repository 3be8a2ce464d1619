using Microsoft.AspNetCore.Authorization;
using Participation.Domain.Cases;
using Participation.Domain.Cases.Assigning;
using Participation.Host.Security;
using Wolverine.Http;

namespace Participation.Host.Cases.Assigning;

public static class AssignCaseEndpoint
{
    [EndpointSummary("Assign the case to a caseworker")]
    [WolverinePost(CaseRoutes.Case + "/assign", OperationId = "AssignCase"), Authorize(Policy = Policies.WriteCases)]
    public static (CaseChanged, CaseEvents) Post(AssignCase command, [CaseStream] Case state, Stamp stamp) =>
        CaseChanged.After(state, command.Decide(state, stamp));
}
