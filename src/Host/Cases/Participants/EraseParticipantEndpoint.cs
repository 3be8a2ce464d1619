using JasperFx.Events;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Participation.Domain.Cases;
using Participation.Domain.Cases.Participants;
using Participation.Host.Privacy;
using Participation.Host.Security;
using Wolverine.Http;

namespace Participation.Host.Cases.Participants;

public static class EraseParticipantEndpoint
{
    /// <summary>
    /// Destroys the participant's key, so their name, contact details and the texts written about
    /// them become unreadable everywhere they are stored, and records the erasure. Admins only.
    /// </summary>
    [EndpointSummary("Erase a participant's personal data (AVG)")]
    [WolverinePost(CaseCommands.CaseRoute + "/participants/{participantId:id}/erase", OperationId = "EraseParticipant"), Authorize(Policy = Policies.Administer)]
    public static async Task<CaseChanged> Post(Guid participantId, [CaseStream] IEventStream<Case> stream, IDocumentSession session, HttpContext http)
    {
        var version = await session.DecideAsync(http, stream, (state, stamp) => EraseParticipant.Decide(state, participantId, stamp));
        session.Delete<PersonalDataKey>(participantId);
        return new CaseChanged(version);
    }
}
