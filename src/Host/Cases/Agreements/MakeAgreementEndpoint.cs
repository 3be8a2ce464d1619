using Microsoft.AspNetCore.Authorization;
using Participation.Domain.Cases;
using Participation.Domain.Cases.Agreements;
using Participation.Host.Security;
using Wolverine.Http;

namespace Participation.Host.Cases.Agreements;

public static class MakeAgreementEndpoint
{
    [EndpointSummary("Make an agreement")]
    [WolverinePost(CaseRoutes.Case + "/agreements", OperationId = "MakeAgreement"), Authorize(Policy = Policies.WriteCases)]
    public static (AgreementAdded, CaseEvents) Post(MakeAgreement command, [CaseStream] Case state, Stamp stamp)
    {
        var agreementId = Guid.CreateVersion7();
        var events = command.Decide(state, agreementId, stamp);
        return (new AgreementAdded(agreementId, state.VersionAfter(events)), new CaseEvents(events));
    }
}
