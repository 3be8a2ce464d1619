using JasperFx.Events;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Participation.Domain.Cases;
using Participation.Domain.Cases.Agreements;
using Participation.Host.Security;
using Wolverine.Http;

namespace Participation.Host.Cases.Agreements;

public static class FulfilAgreementEndpoint
{
    [EndpointSummary("Mark an agreement fulfilled")]
    [WolverinePost(CaseCommands.CaseRoute + "/agreements/{agreementId:id}/fulfil", OperationId = "FulfilAgreement"), Authorize(Policy = Policies.WriteCases)]
    public static async Task<CaseChanged> Post(SettleAgreement command, Guid agreementId, [CaseStream] IEventStream<Case> stream, IDocumentSession session, HttpContext http) =>
        new(await session.DecideAsync(http, stream, (state, stamp) => command.Decide(state, agreementId, Settlement.Fulfil, stamp)));
}
