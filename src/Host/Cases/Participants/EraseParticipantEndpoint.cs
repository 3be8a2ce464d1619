using Microsoft.AspNetCore.Authorization;
using Participation.Domain.Cases;
using Participation.Domain.Cases.Participants;
using Participation.Host.Security;
using Wolverine.Http;

namespace Participation.Host.Cases.Participants;

public static class EraseParticipantEndpoint
{
    /// <summary>
    /// Records the erasure; as the event is stored, the participant's key is destroyed (Privacy), so their name,
    /// contact details and the texts written about them become unreadable everywhere they are stored. Admins only.
    /// </summary>
    [EndpointSummary("Erase a participant's personal data (AVG)")]
    [WolverinePost(CaseRoutes.Case + "/participants/{participantId:id}/erase", OperationId = "EraseParticipant"), Authorize(Policy = Policies.Administer)]
    public static (CaseChanged, CaseEvents) Post(Guid participantId, [CaseStream] Case state, Stamp stamp) =>
        CaseChanged.After(state, EraseParticipant.Decide(state, participantId, stamp));
}
