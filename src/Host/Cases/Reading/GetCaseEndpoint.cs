using Marten;
using Microsoft.AspNetCore.Authorization;
using Participation.Host.Http;
using Participation.Host.Privacy;
using Participation.Host.Security;
using Participation.Projections.Cases;
using Wolverine.Http;
using Wolverine.Http.Marten;

namespace Participation.Host.Cases.Reading;

public static class GetCaseEndpoint
{
    [EndpointSummary("The case's full current state")]
    [WolverineGet(CaseRoutes.Case, OperationId = "GetCase"), Authorize(Policy = Policies.ReadCases)]
    public static Task<RevealedJson<CaseDetails>> Get([Document("caseId", Required = true)] CaseDetails details, IQuerySession session,
        PersonalDataRevealer personalData, HttpContext http, CancellationToken cancellation)
    {
        http.Response.Headers.ETag = IfMatch.ETag(details.Version);
        return personalData.RevealAsync(details, session, cancellation);
    }
}
