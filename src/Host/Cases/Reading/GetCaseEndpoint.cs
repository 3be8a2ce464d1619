using Microsoft.AspNetCore.Authorization;
using Participation.Host.Security;
using Participation.Projections.Cases;
using Wolverine.Http;
using Wolverine.Http.Marten;

namespace Participation.Host.Cases.Reading;

public static class GetCaseEndpoint
{
    [EndpointSummary("The case's full current state")]
    [WolverineGet(CaseCommands.CaseRoute, OperationId = "GetCase"), Authorize(Policy = Policies.ReadCases)]
    public static CaseDetails Get([Document("caseId", Required = true)] CaseDetails details, HttpContext http)
    {
        http.Response.Headers.ETag = IfMatch.ETag(details.Version);
        return details;
    }
}
