using Marten;
using Microsoft.AspNetCore.Authorization;
using Participation.Domain.Cases;
using Participation.Host.Audit.History;
using Participation.Projections;
using Participation.Host.Http;
using Participation.Host.Privacy;
using Participation.Host.Security;
using Wolverine.Http;

namespace Participation.Host.Audit;

public sealed record AuditPage(IReadOnlyList<RecordedEvent> Items, int Page, int PageSize, long Total);

public static class AuditLogEndpoint
{
    public const int MaxPageSize = 1000;

    /// <summary>Events across all of the tenant's cases, oldest first (global sequence); `to` is exclusive.</summary>
    [EndpointSummary("Events across the tenant's cases")]
    [WolverineGet("/api/audit", OperationId = "GetAuditLog"), Authorize(Policy = Policies.Audit)]
    public static async Task<RevealedJson<AuditPage>> Get(IQuerySession session, PersonalDataRevealer personalData, ProcessingLogRecorder processingLog, string? user, Guid? caseId, string? type,
        DateTimeOffset? from, DateTimeOffset? to, int? page, int? pageSize, CancellationToken cancellation)
    {
        var query = AuditQuery.Parse(user, caseId, type, from, to);
        var errors = new Dictionary<string, string[]>();
        var paging = Paging.From(page, pageSize, defaultSize: 100, MaxPageSize, errors);
        if (errors.Count > 0) throw new InvalidCommand(errors);

        // Marten has no query statistics for raw events, so the total is a count of its own.
        var matching = query.Apply(session.Events.QueryPublishedEvents());
        var total = await matching.CountAsync(cancellation);
        var events = await matching.Skip(paging.Skip).Take(paging.Size).ToListAsync(cancellation);
        foreach (var e in events) processingLog.AboutCaseOf(e);
        return await personalData.RevealAsync(new AuditPage(events.Select(RecordedEvent.From).ToList(), paging.Page, paging.Size, total), session, cancellation);
    }
}
