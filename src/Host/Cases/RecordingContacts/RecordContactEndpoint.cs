using Microsoft.AspNetCore.Authorization;
using Participation.Domain.Cases;
using Participation.Domain.Cases.RecordingContacts;
using Participation.Host.Security;
using Wolverine.Http;

namespace Participation.Host.Cases.RecordingContacts;

public static class RecordContactEndpoint
{
    [EndpointSummary("Record a contact moment")]
    [WolverinePost(CaseRoutes.Case + "/contacts", OperationId = "RecordContact"), Authorize(Policy = Policies.WriteCases)]
    public static (ContactRecorded, CaseEvents) Post(RecordContact command, [CaseStream] Case state, Stamp stamp)
    {
        var contactId = Guid.CreateVersion7();
        var events = command.Decide(state, contactId, stamp);
        return (new ContactRecorded(contactId, state.VersionAfter(events)), new CaseEvents(events));
    }
}
