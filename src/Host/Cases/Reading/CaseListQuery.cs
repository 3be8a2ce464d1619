using Marten;
using Marten.Linq.MatchesSql;
using Participation.Domain.Cases;
using Participation.Domain.FollowUp;
using Participation.Host.FollowUp;
using Participation.Host.Http;
using Participation.Projections.Cases;

namespace Participation.Host.Cases.Reading;

/// <summary>The filters, paging and sorting of <c>GET /api/cases</c> (and its CSV export), validated.</summary>
public sealed record CaseListQuery(
    CaseDomain? Domain, CasePhase? Phase, CaseStatus? Status, string? Neighbourhood, string? Owner, string? Text,
    Paging Paging, string Sort, CaseListCursor? After = null)
{
    /// <summary>Only cases whose follow-up stands so at <see cref="Now"/> (by their latest deadline; API 1.1).</summary>
    public Punctuality? Punctuality { get; init; }

    public DateTimeOffset Now { get; init; }

    public const int MaxPageSize = 200;
    public const int DefaultPageSize = 50;
    public static readonly string[] Sorts = CaseListIndexes.Sorts.Select(s => s.Name).ToArray();

    public static CaseListQuery Parse(string? domain, string? phase, string? status, string? neighbourhood, string? owner,
        string? q, int? page, int? pageSize, string? sort, string? after = null, string? punctuality = null, DateTimeOffset now = default)
    {
        var errors = new Dictionary<string, string[]>();
        var query = new CaseListQuery(
            QueryParameters.Enum<CaseDomain>("domain", domain, errors), QueryParameters.Enum<CasePhase>("phase", phase, errors), QueryParameters.Enum<CaseStatus>("status", status, errors),
            QueryParameters.Text("neighbourhood", neighbourhood, errors), QueryParameters.Text("owner", owner, errors), QueryParameters.Text("q", q, errors)?.ToLowerInvariant(),
            Paging.From(page, pageSize, DefaultPageSize, MaxPageSize, errors), QueryParameters.Blank(sort) ?? "-lastActivityAt")
        {
            Punctuality = QueryParameters.Enum<Punctuality>("punctuality", punctuality, errors), Now = now,
        };

        if (!Sorts.Contains(query.Sort.TrimStart('-'))) errors["sort"] = [$"must be one of {string.Join(", ", Sorts)}, optionally prefixed with - for descending"];
        if (query.Text is { Length: > 200 }) errors["q"] = ["may be at most 200 characters"];
        if (QueryParameters.Blank(after) is { } given)
        {
            query = query with { After = CaseListCursor.Decode(given) };
            if (query.After?.Sort != query.Sort) errors["after"] = ["must be the `after` of a page of this list in the same sort"];
        }
        if (errors.Count > 0) throw new InvalidCommand(errors);
        return query;
    }

    /// <summary>The cases matching the filters and the text, in no particular order: what <c>total</c> counts.</summary>
    public IQueryable<CaseSummary> Filter(IQuerySession session)
    {
        IQueryable<CaseSummary> cases = session.Query<CaseSummary>();
        if (Domain is { } d) cases = cases.Where(x => x.Domain == d);
        if (Phase is { } p) cases = cases.Where(x => x.Phase == p);
        if (Status is { } s) cases = cases.Where(x => x.Status == s);
        if (Neighbourhood is { } n) cases = cases.Where(x => x.Neighbourhood.Code == n);
        if (Owner is { } o) cases = cases.Where(x => x.Owner == o);
        if (Punctuality is { } punctual) cases = PunctualityFilter.Apply(cases, session, punctual, Now);
        // The search text is a row of its own with a trigram index (ADR 20, ADR 23); the tenant is a parameter, not a
        // correlation, so PostgreSQL joins the matches instead of probing them per summary.
        if (Text is { } t)
        {
            var searchTable = session.DocumentStore.Options.FindOrResolveDocumentType(typeof(CaseSearchText)).TableName.QualifiedName;
            cases = cases.Where(x => x.MatchesSql(
                $"d.id in (select t.id from {searchTable} as t where t.tenant_id = ? and t.data ->> 'text' like ?)", session.TenantId, Like(t)));
        }
        return cases;
    }

    /// <summary>
    /// The matching cases in the list's order, from the cursor on when there is one: the sort key, then the id, so the
    /// order is total and a page boundary is one seek in the sort's index (tenant, key, id).
    /// </summary>
    public IQueryable<CaseSummary> Apply(IQuerySession session)
    {
        var cases = Filter(session);
        var descending = Sort.StartsWith('-');
        if (After is { } after)
        {
            var column = CaseListIndexes.Sorts.Single(s => s.Name == Sort.TrimStart('-')).Column;
            cases = cases.Where(x => x.MatchesSql($"(d.{column}, d.id) {(descending ? "<" : ">")} (?, ?)", after.TypedValue, after.Id));
        }
        var sorted = Sort.TrimStart('-') switch
        {
            "openedAt" => descending ? cases.OrderByDescending(x => x.OpenedAt) : cases.OrderBy(x => x.OpenedAt),
            "title" => descending ? cases.OrderByDescending(x => x.Title) : cases.OrderBy(x => x.Title),
            "neighbourhood" => descending ? cases.OrderByDescending(x => x.Neighbourhood.Name) : cases.OrderBy(x => x.Neighbourhood.Name),
            "phase" => descending ? cases.OrderByDescending(x => x.Phase) : cases.OrderBy(x => x.Phase),
            _ => descending ? cases.OrderByDescending(x => x.LastActivityAt) : cases.OrderBy(x => x.LastActivityAt),
        };
        return descending ? sorted.ThenByDescending(x => x.Id) : sorted.ThenBy(x => x.Id);
    }

    /// <summary>A LIKE pattern matching <paramref name="text"/> anywhere, its own <c>%</c>, <c>_</c> and <c>\</c> taken literally.</summary>
    private static string Like(string text) =>
        "%" + text.Replace(@"\", @"\\").Replace("%", @"\%").Replace("_", @"\_") + "%";
}
