using Microsoft.AspNetCore.Authorization;
using Participation.Domain.Cases;
using Participation.Domain.Cases.Participants;
using Participation.Host.Security;
using Wolverine.Http;

namespace Participation.Host.Cases.Participants;

public static class RemoveParticipantEndpoint
{
    [EndpointSummary("A participant leaves the case")]
    [WolverinePost(CaseRoutes.Case + "/participants/{participantId:id}/leave", OperationId = "RemoveParticipant"), Authorize(Policy = Policies.WriteCases)]
    public static (CaseChanged, CaseEvents) Post(RemoveParticipant command, Guid participantId, [CaseStream] Case state, Stamp stamp) =>
        CaseChanged.After(state, command.Decide(state, participantId, stamp));
}
