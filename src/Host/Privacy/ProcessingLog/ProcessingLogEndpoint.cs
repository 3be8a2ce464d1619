using Marten;
using Microsoft.AspNetCore.Authorization;
using Participation.Domain.Cases;
using Participation.Host.Http;
using Participation.Host.Security;
using Wolverine.Http;

namespace Participation.Host.Privacy;

public static class ProcessingLogEndpoint
{
    public const int MaxPageSize = 1000;

    /// <summary>
    /// Who processed whose personal data, when, for which processing activity: the tenant's processing log (LDV 1.0), newest
    /// first, filtered by `dataSubjectId` (a participant), `caseId`, `user` and a time range (`to` exclusive). Ids only.
    /// </summary>
    [EndpointSummary("The processing log: who processed whose personal data")]
    [WolverineGet(ProcessingLogRoutes.Log, OperationId = "GetProcessingLog"), Authorize(Policy = Policies.Audit), NoStore]
    public static async Task<ProcessingLogPage> Get(IQuerySession session, ProcessingLogQueries queries, Guid? dataSubjectId, Guid? caseId, string? user,
        DateTimeOffset? from, DateTimeOffset? to, int? page, int? pageSize, CancellationToken cancellation)
    {
        var query = ProcessingLogQuery.Parse(dataSubjectId, caseId, user, from, to);
        var errors = new Dictionary<string, string[]>();
        var paging = Paging.From(page, pageSize, defaultSize: 100, MaxPageSize, errors);
        if (errors.Count > 0) throw new InvalidCommand(errors);
        return await queries.PageAsync(session.TenantId, query, paging, cancellation);
    }
}

public static class ProcessingLogRoutes
{
    public const string Log = "/api/processing-log";
    public const string Export = Log + "/export";
}
