using JasperFx.Events;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Participation.Domain.Cases;
using Participation.Domain.Cases.RecordingContacts;
using Participation.Host.Security;
using Wolverine.Http;

namespace Participation.Host.Cases.RecordingContacts;

public static class RecordContactEndpoint
{
    [EndpointSummary("Record a contact moment")]
    [WolverinePost(CaseCommands.CaseRoute + "/contacts", OperationId = "RecordContact"), Authorize(Policy = Policies.WriteCases)]
    public static async Task<ContactRecorded> Post(RecordContact command, [CaseStream] IEventStream<Case> stream, IDocumentSession session, HttpContext http)
    {
        var contactId = Guid.CreateVersion7();
        return new(contactId, await session.DecideAsync(http, stream, (state, stamp) => command.Decide(state, contactId, stamp)));
    }
}
