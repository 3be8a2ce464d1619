using Microsoft.AspNetCore.Authorization;
using Participation.Domain.Cases;
using Participation.Domain.Cases.Participants;
using Participation.Host.Security;
using Wolverine.Http;

namespace Participation.Host.Cases.Participants;

public static class AddParticipantEndpoint
{
    [EndpointSummary("Add a participant")]
    [WolverinePost(CaseRoutes.Case + "/participants", OperationId = "AddParticipant"), Authorize(Policy = Policies.WriteCases)]
    public static (ParticipantAdded, CaseEvents) Post(AddParticipant command, [CaseStream] Case state, Stamp stamp)
    {
        var participantId = command.ParticipantId ?? Guid.CreateVersion7();
        var events = command.Decide(state, participantId, stamp);
        return (new ParticipantAdded(participantId, state.VersionAfter(events)), new CaseEvents(events));
    }
}
