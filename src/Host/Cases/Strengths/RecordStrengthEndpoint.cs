using JasperFx.Events;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Participation.Domain.Cases;
using Participation.Domain.Cases.Strengths;
using Participation.Host.Security;
using Wolverine.Http;

namespace Participation.Host.Cases.Strengths;

public static class RecordStrengthEndpoint
{
    [EndpointSummary("Record a strength")]
    [WolverinePost(CaseCommands.CaseRoute + "/strengths", OperationId = "RecordStrength"), Authorize(Policy = Policies.WriteCases)]
    public static async Task<StrengthAdded> Post(RecordStrength command, [CaseStream] IEventStream<Case> stream, IDocumentSession session, HttpContext http)
    {
        var strengthId = Guid.CreateVersion7();
        return new(strengthId, await session.DecideAsync(http, stream, (state, stamp) => command.Decide(state, strengthId, stamp)));
    }
}
