using Marten;
using Marten.Linq;
using Microsoft.AspNetCore.Authorization;
using Participation.Host.Http;
using Participation.Domain.Cases;
using Participation.Host.Security;
using Participation.Projections.Cases;
using Wolverine.Http;

namespace Participation.Host.Cases.Reading;

public sealed record CaseListItem(
    Guid Id, CaseDomain Domain, Neighbourhood Neighbourhood, string Title, CasePhase Phase, CaseStatus Status,
    string? Owner, CaseOutcome? Outcome, DateTimeOffset OpenedAt, DateTimeOffset LastActivityAt,
    int ActiveParticipants, int ContactMoments, long Version);

public sealed record CasePage(IReadOnlyList<CaseListItem> Items, int Page, int PageSize, long Total);

public static class ListCasesEndpoint
{
    /// <summary>Sort by openedAt, lastActivityAt (default, newest first), title, neighbourhood or phase; prefix - for descending.</summary>
    [EndpointSummary("List cases: filter, search, page, sort")]
    [WolverineGet("/api/cases", OperationId = "ListCases"), Authorize(Policy = Policies.ReadCases)]
    public static async Task<CasePage> Get(IQuerySession session, string? domain, string? phase, string? status,
        string? neighbourhood, string? owner, string? q, int? page, int? pageSize, string? sort, CancellationToken cancellation)
    {
        var query = CaseListQuery.Parse(domain, phase, status, neighbourhood, owner, q, page, pageSize, sort);
        var rows = await query.Apply(session.Query<CaseSummary>())
            .Stats(out QueryStatistics stats)
            .Skip(query.Paging.Skip)
            .Take(query.Paging.Size)
            .ToListAsync(cancellation);
        // The statistics count comes with the rows, so a page past the end needs a count of its own.
        var total = rows.Count > 0 || query.Paging.Page == 1 ? stats.TotalResults : await query.Apply(session.Query<CaseSummary>()).CountAsync(cancellation);
        return new CasePage(rows.Select(ToItem).ToList(), query.Paging.Page, query.Paging.Size, total);
    }

    private static CaseListItem ToItem(CaseSummary c) => new(
        c.Id, c.Domain, c.Neighbourhood, c.Title, c.Phase, c.Status, c.Owner, c.Outcome, c.OpenedAt, c.LastActivityAt,
        c.ActiveParticipants, c.ContactMoments, c.Version);
}
