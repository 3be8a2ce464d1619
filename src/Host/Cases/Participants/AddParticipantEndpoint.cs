using JasperFx.Events;
using Marten;
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
    public static async Task<ParticipantAdded> Post(AddParticipant command, [CaseStream] IEventStream<Case> stream, IDocumentSession session, HttpContext http)
    {
        var participantId = command.ParticipantId ?? Guid.CreateVersion7();
        return new(participantId, await session.DecideAsync(http, stream, (state, stamp) => command.Decide(state, participantId, stamp)));
    }
}
