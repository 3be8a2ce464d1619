using Marten;
using Microsoft.AspNetCore.Authorization;
using Participation.Domain.Cases;
using Participation.Host.Cases;
using Participation.Host.Http;
using Participation.Host.Privacy;
using Participation.Host.Security;
using Participation.Projections.Cases;
using Wolverine.Http;

namespace Participation.Host.Audit.History;

public static class GetStateAtEndpoint
{
    /// <summary>
    /// The case as it was at stream <c>version</c> or at time <c>at</c>, replayed from its events
    /// through the same projection that keeps the current state. Neither: the current state.
    /// </summary>
    [EndpointSummary("The case as it was at a version or time")]
    [WolverineGet(CaseRoutes.Case + "/state", OperationId = "GetCaseStateAt"), Authorize(Policy = Policies.Audit)]
    public static async Task<RevealedJson<CaseDetails>> Get(Guid caseId, long? version, DateTimeOffset? at, IQuerySession session,
        CaseReplay replay, PersonalDataRevealer personalData, HttpContext http, CancellationToken cancellation)
    {
        if (version is not null && at is not null)
            throw new InvalidCommand(new Dictionary<string, string[]> { ["version"] = ["give either version or at, not both"] });
        if (version is < 1)
            throw new InvalidCommand(new Dictionary<string, string[]> { ["version"] = ["must be 1 or more"] });

        var state = await replay.StateWithFollowUpAsync(session.TenantId, caseId, version, at?.ToUniversalTime(), cancellation);
        if (state is null)
            throw new ResourceNotFound(at is null ? $"There is no case {caseId}." : $"Case {caseId} did not exist yet at {at:O}.");
        if (version is { } asked && state.Version < asked)
            throw new ResourceNotFound($"Case {caseId} has no version {asked}; its latest is {state.Version}.");

        http.Response.Headers.ETag = IfMatch.ETag(state.Version);
        return await personalData.RevealAsync(state, session, cancellation);
    }
}
