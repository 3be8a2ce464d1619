using JasperFx.Events;
using Microsoft.AspNetCore.Authorization;
using Participation.Domain.Cases;
using Participation.Domain.Cases.Participants;
using Participation.Host.Security;
using Wolverine.Http;

namespace Participation.Host.Cases.Participants;

public static class AddParticipantEndpoint
{
    [EndpointSummary("Add a participant")]
    [WolverinePost(CaseCommands.CaseRoute + "/participants", OperationId = "AddParticipant"), Authorize(Policy = Policies.WriteCases)]
    public static ParticipantAdded Post(AddParticipant command, [CaseStream] IEventStream<Case> stream, HttpContext http)
    {
        var participantId = command.ParticipantId ?? Guid.CreateVersion7();
        return new(participantId, http.Decide(stream, (state, stamp) => command.Decide(state, participantId, stamp)));
    }
}
