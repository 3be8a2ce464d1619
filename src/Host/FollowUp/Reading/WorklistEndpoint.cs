using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using Npgsql;
using Participation.Domain.Cases;
using Participation.Domain.FollowUp;
using Participation.Host.FollowUp.Timers;
using Participation.Host.Security;
using Participation.Host.Http;
using Wolverine.Http;

namespace Participation.Host.FollowUp.Reading;

public sealed record WorklistItem(
    Guid CaseId, string Title, CaseDomain Domain, Neighbourhood Neighbourhood, string? Owner, FollowUpKind Kind, Guid? Ref, DateTimeOffset DueAt,
    Punctuality Status, int DaysOverdue);

/// <summary>
/// A page of the worklist; <c>after</c> continues right after it (null on the last); <c>total</c> counts every matching item,
/// exactly up to FollowUp:WorklistExactTotalUpTo and beyond that estimated (<c>totalEstimated</c>), as the case list's.
/// </summary>
public sealed record WorklistPage(IReadOnlyList<WorklistItem> Items, int PageSize, long Total, bool TotalEstimated, string? After);

public static class WorklistEndpoint
{
    /// <summary>
    /// The open follow-ups that are late or three times late, most overdue first, of open cases that are not suspended.
    /// Filters: `owner` (a user name, or `me`), `kind`, `status` (`late`, `late-3x`), `domain`, `neighbourhood` (code).
    /// Page with `pageSize` and `after` (the `after` of the previous page).
    /// </summary>
    [EndpointSummary("The worklist: overdue follow-ups, most overdue first")]
    [WolverineGet(FollowUpRoutes.Worklist, OperationId = "GetWorklist"), Authorize(Policy = Policies.ReadWorklist)]
    public static async Task<WorklistPage> Get(IQuerySession session, TimeProvider clock, IOptions<FollowUpOptions> options,
        HttpContext http, string? owner, string? kind, string? status, string? domain, string? neighbourhood, int? pageSize, string? after,
        CancellationToken cancellation)
    {
        var query = WorklistQuery.Parse(owner, kind, status, domain, neighbourhood, pageSize, after, http.User.UserName());
        var now = clock.GetUtcNow();
        var (page, more, total, estimated) = await WorklistRows.ReadAsync(session.DataSource(), session, query, now, options.Value.WorklistExactTotalUpTo, cancellation);
        var items = page.Where(row => row is { Title: not null, Neighbourhood: not null }).Select(row => new WorklistItem(row.CaseId, row.Title!, row.Domain,
            row.Neighbourhood!, row.Owner, row.Kind, row.Ref, row.DueAt, new Deadline(row.Kind, row.Ref, row.DueAt, row.LateThreeTimesAt).StatusAt(now),
            (int)Math.Floor((now - row.DueAt).TotalDays))).ToList();
        return new WorklistPage(items, query.PageSize, total, estimated, more ? page[^1].Cursor.Encode() : null);
    }
}
