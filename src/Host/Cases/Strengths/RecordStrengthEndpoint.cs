using Microsoft.AspNetCore.Authorization;
using Participation.Domain.Cases;
using Participation.Domain.Cases.Strengths;
using Participation.Host.Security;
using Wolverine.Http;

namespace Participation.Host.Cases.Strengths;

public static class RecordStrengthEndpoint
{
    [EndpointSummary("Record a strength")]
    [WolverinePost(CaseRoutes.Case + "/strengths", OperationId = "RecordStrength"), Authorize(Policy = Policies.WriteCases)]
    public static (StrengthAdded, CaseEvents) Post(RecordStrength command, [CaseStream] Case state, Stamp stamp)
    {
        var strengthId = Guid.CreateVersion7();
        var events = command.Decide(state, strengthId, stamp);
        return (new StrengthAdded(strengthId, state.VersionAfter(events)), new CaseEvents(events));
    }
}
