using Marten;
using Microsoft.AspNetCore.Authorization;
using Participation.Domain.Cases;
using Participation.Domain.FollowUp;
using Participation.Host.Security;
using Participation.Projections.Cases;
using Participation.Projections.FollowUp;
using Wolverine.Http;

namespace Participation.Host.FollowUp.Reading;

public sealed record WorklistItem(
    Guid CaseId, string Title, CaseDomain Domain, Neighbourhood Neighbourhood, string? Owner, FollowUpKind Kind, Guid? Ref, DateTimeOffset DueAt,
    Punctuality Status, int DaysOverdue);

/// <summary>A page of the worklist; <c>after</c> continues right after it (null on the last); <c>total</c> counts every matching item.</summary>
public sealed record WorklistPage(IReadOnlyList<WorklistItem> Items, int PageSize, int Total, string? After);

public static class WorklistEndpoint
{
    /// <summary>
    /// The open follow-ups that are late or three times late, most overdue first, of open cases that are not suspended.
    /// Filters: `owner` (a user name, or `me`), `kind`, `status` (`late`, `late-3x`), `domain`, `neighbourhood` (code).
    /// Page with `pageSize` and `after` (the `after` of the previous page).
    /// </summary>
    [EndpointSummary("The worklist: overdue follow-ups, most overdue first")]
    [WolverineGet(FollowUpRoutes.Worklist, OperationId = "GetWorklist"), Authorize(Policy = Policies.ReadWorklist)]
    public static async Task<WorklistPage> Get(IQuerySession session, TimeProvider clock, HttpContext http, string? owner, string? kind, string? status,
        string? domain, string? neighbourhood, int? pageSize, string? after, CancellationToken cancellation)
    {
        var query = WorklistQuery.Parse(owner, kind, status, domain, neighbourhood, pageSize, after, http.User.UserName());
        var now = clock.GetUtcNow();
        // The cases with a passed deadline come from the due column's index; their deadlines are filtered and ordered here.
        IQueryable<CaseFollowUp> cases = session.Query<CaseFollowUp>().Where(f => f.EarliestDueAt <= now && f.Open && !f.Suspended);
        if (query.Owner is { } o) cases = cases.Where(f => f.Owner == o);
        if (query.Domain is { } d) cases = cases.Where(f => f.Domain == d);
        if (query.Neighbourhood is { } n) cases = cases.Where(f => f.NeighbourhoodCode == n);
        var items = (await cases.ToListAsync(cancellation))
            .SelectMany(f => f.Deadlines.Where(x => x.DueAt <= now).Select(x => (Case: f, Deadline: x, Status: x.StatusAt(now))))
            .Where(x => (query.Kind is null || x.Deadline.Kind == query.Kind) && (query.Status is null || x.Status == query.Status))
            .Select(x => (x.Case, x.Deadline, x.Status, Key: new WorklistCursor(x.Deadline.DueAt, x.Case.Id, x.Deadline.Kind, x.Deadline.Ref)))
            .ToList();
        items.Sort((a, b) => WorklistCursor.Compare(a.Key, b.Key));
        var page = items.Where(x => query.After is null || WorklistCursor.Compare(x.Key, query.After) > 0).Take(query.PageSize).ToList();

        var summaries = (await session.LoadManyAsync<CaseSummary>(cancellation, page.Select(x => x.Case.Id).Distinct())).ToDictionary(s => s.Id);
        var answered = page.Where(x => summaries.ContainsKey(x.Case.Id)).Select(x => new WorklistItem(x.Case.Id, summaries[x.Case.Id].Title,
            x.Case.Domain, summaries[x.Case.Id].Neighbourhood, x.Case.Owner, x.Deadline.Kind, x.Deadline.Ref, x.Deadline.DueAt, x.Status,
            (int)Math.Floor((now - x.Deadline.DueAt).TotalDays))).ToList();
        var last = page.Count == query.PageSize && items.IndexOf(page[^1]) < items.Count - 1 ? page[^1].Key.Encode() : null;
        return new WorklistPage(answered, query.PageSize, items.Count, last);
    }
}
