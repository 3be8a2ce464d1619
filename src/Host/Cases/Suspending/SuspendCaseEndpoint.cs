using Microsoft.AspNetCore.Authorization;
using Participation.Domain.Cases;
using Participation.Domain.Cases.Suspending;
using Participation.Host.Security;
using Wolverine.Http;

namespace Participation.Host.Cases.Suspending;

public static class SuspendCaseEndpoint
{
    /// <summary>The case waits: its follow-up clocks stand still until it is resumed. A suspended or closed case: 409.</summary>
    [EndpointSummary("Suspend the case (its deadlines stand still)")]
    [WolverinePost(CaseRoutes.Case + "/suspend", OperationId = "SuspendCase"), Authorize(Policy = Policies.WriteCases)]
    public static (CaseChanged, CaseEvents) Post(SuspendCase command, [CaseStream] Case state, Stamp stamp) =>
        CaseChanged.After(state, command.Decide(state, stamp));
}
