using JasperFx.Events;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Participation.Domain.Cases;
using Participation.Domain.Cases.Agreements;
using Participation.Host.Security;
using Wolverine.Http;

namespace Participation.Host.Cases.Agreements;

public static class MakeAgreementEndpoint
{
    [EndpointSummary("Make an agreement")]
    [WolverinePost(CaseCommands.CaseRoute + "/agreements", OperationId = "MakeAgreement"), Authorize(Policy = Policies.WriteCases)]
    public static async Task<AgreementAdded> Post(MakeAgreement command, [CaseStream] IEventStream<Case> stream, IDocumentSession session, HttpContext http)
    {
        var agreementId = Guid.CreateVersion7();
        return new(agreementId, await session.DecideAsync(http, stream, (state, stamp) => command.Decide(state, agreementId, stamp)));
    }
}
