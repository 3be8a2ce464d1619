using Microsoft.AspNetCore.Authorization;
using Participation.Domain.Cases;
using Participation.Domain.Cases.Suspending;
using Participation.Host.Security;
using Wolverine.Http;

namespace Participation.Host.Cases.Suspending;

public static class ResumeCaseEndpoint
{
    /// <summary>The clocks run again; every deadline has moved by the time the case waited. A case that is not suspended: 409.</summary>
    [EndpointSummary("Resume a suspended case")]
    [WolverinePost(CaseRoutes.Case + "/resume", OperationId = "ResumeCase"), Authorize(Policy = Policies.WriteCases)]
    public static (CaseChanged, CaseEvents) Post(ResumeCase command, [CaseStream] Case state, Stamp stamp) =>
        CaseChanged.After(state, command.Decide(state, stamp));
}
