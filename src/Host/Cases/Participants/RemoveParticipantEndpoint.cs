using JasperFx.Events;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Participation.Domain.Cases;
using Participation.Domain.Cases.Participants;
using Participation.Host.Security;
using Wolverine.Http;

namespace Participation.Host.Cases.Participants;

public static class RemoveParticipantEndpoint
{
    [EndpointSummary("A participant leaves the case")]
    [WolverinePost(CaseCommands.CaseRoute + "/participants/{participantId:id}/leave", OperationId = "RemoveParticipant"), Authorize(Policy = Policies.WriteCases)]
    public static async Task<CaseChanged> Post(RemoveParticipant command, Guid participantId, [CaseStream] IEventStream<Case> stream, IDocumentSession session, HttpContext http) =>
        new(await session.DecideAsync(http, stream, (state, stamp) => command.Decide(state, participantId, stamp)));
}
