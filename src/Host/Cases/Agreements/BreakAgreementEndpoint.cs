using Microsoft.AspNetCore.Authorization;
using Participation.Domain.Cases;
using Participation.Domain.Cases.Agreements;
using Participation.Host.Security;
using Wolverine.Http;

namespace Participation.Host.Cases.Agreements;

public static class BreakAgreementEndpoint
{
    [EndpointSummary("Mark an agreement broken")]
    [WolverinePost(CaseRoutes.Case + "/agreements/{agreementId:id}/break", OperationId = "BreakAgreement"), Authorize(Policy = Policies.WriteCases)]
    public static (CaseChanged, CaseEvents) Post(SettleAgreement command, Guid agreementId, [CaseStream] Case state, Stamp stamp) =>
        CaseChanged.After(state, command.Decide(state, agreementId, Settlement.Break, stamp));
}
