using JasperFx.Events;
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
    public static CaseChanged Post(RemoveParticipant command, Guid participantId, [CaseStream] IEventStream<Case> stream, HttpContext http) =>
        new(http.Decide(stream, (state, stamp) => command.Decide(state, participantId, stamp)));
}
