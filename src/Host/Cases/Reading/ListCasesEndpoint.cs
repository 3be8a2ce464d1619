using Marten;
using Microsoft.Extensions.Options;
using Npgsql;
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

/// <summary>
/// A page of the list. <c>total</c> is exact up to 10,000 matching cases (1,000 for a text search; the operator may set
/// other limits) and beyond that an estimate, with <c>totalEstimated</c> true: from the dashboard's figures where they
/// count the filters, else PostgreSQL's planner. <c>after</c> continues the list right after this page (null on the last).
/// </summary>
public sealed record CasePage(IReadOnlyList<CaseListItem> Items, int Page, int PageSize, long Total, bool TotalEstimated, string? After);

public static class ListCasesEndpoint
{
    /// <summary>
    /// Sort by openedAt, lastActivityAt (default, newest first), title, neighbourhood or phase; prefix - for descending.
    /// Page with `page`, or with `after` (the `after` of the previous page: a seek, however deep); `page` then counts from it.
    /// `punctuality` (`on-time`, `late`, `late-3x`): cases whose follow-up stands so now, by their latest deadline.
    /// </summary>
    [EndpointSummary("List cases: filter, search, page, sort")]
    [WolverineGet("/api/cases", OperationId = "ListCases"), Authorize(Policy = Policies.ReadCases)]
    public static async Task<CasePage> Get(IQuerySession session, UnpreparedReads unprepared, IOptions<CaseListOptions> options, string? domain, string? phase, string? status,
        string? neighbourhood, string? owner, string? q, int? page, int? pageSize, string? sort, string? after, string? punctuality, TimeProvider clock, CancellationToken cancellation)
    {
        var query = CaseListQuery.Parse(domain, phase, status, neighbourhood, owner, q, page, pageSize, sort, after, punctuality, clock.GetUtcNow());
        await using var searching = query.Text is null ? null : unprepared.Like(session);
        var reads = searching ?? session;
        var exactUpTo = options.Value.ExactUpTo(query);
        var totalFrom = CaseListTotal.Statement(reads, query, exactUpTo);
        var (rows, counted) = await BatchedPage.Read<CaseSummary>(reads, query.Text is null ? session.DataSource() : unprepared.DataSourceLike(session),
            BatchedPage.Statement(query.Apply(reads).Skip(query.Paging.Skip).Take(query.Paging.Size)), totalFrom.Command, cancellation);
        var (total, estimated) = await CaseListTotal.Of(reads, query, rows.Count, new CaseListTotal.Counted(counted, totalFrom.FromFigures), exactUpTo, cancellation);
        var next = rows.Count == query.Paging.Size ? CaseListCursor.After(rows[^1], query.Sort).Encode() : null;
        return new CasePage(rows.Select(ToItem).ToList(), query.Paging.Page, query.Paging.Size, total, estimated, next);
    }

    private static CaseListItem ToItem(CaseSummary c) => new(
        c.Id, c.Domain, c.Neighbourhood, c.Title, c.Phase, c.Status, c.Owner, c.Outcome, c.OpenedAt, c.LastActivityAt,
        c.ActiveParticipants, c.ContactMoments, c.Version);
}
