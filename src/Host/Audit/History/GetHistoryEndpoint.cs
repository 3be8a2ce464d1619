using Marten;
using Microsoft.AspNetCore.Authorization;
using Participation.Host.Cases;
using Participation.Host.Http;
using Participation.Host.Privacy;
using Participation.Host.Security;
using Wolverine.Http;

namespace Participation.Host.Audit.History;

public static class GetHistoryEndpoint
{
    [EndpointSummary("Every event of the case, in order")]
    [WolverineGet(CaseRoutes.Case + "/history", OperationId = "GetCaseHistory"), Authorize(Policy = Policies.Audit)]
    public static async Task<RevealedJson<IReadOnlyList<RecordedEvent>>> Get(Guid caseId, IQuerySession session, PersonalDataRevealer personalData,
        CancellationToken cancellation)
    {
        var events = await session.Events.FetchStreamAsync(caseId, token: cancellation);
        if (events.Count == 0) throw new ResourceNotFound($"There is no case {caseId}.");
        return await personalData.RevealAsync<IReadOnlyList<RecordedEvent>>(events.Select(RecordedEvent.From).ToList(), session, cancellation);
    }
}
