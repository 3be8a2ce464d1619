using Participation.Domain.Cases;
using Participation.Host.Http;
using Participation.Projections.Cases;

namespace Participation.Host.Cases.Reading;

/// <summary>The filters, paging and sorting of <c>GET /api/cases</c> (and its CSV export), validated.</summary>
public sealed record CaseListQuery(
    CaseDomain? Domain, CasePhase? Phase, CaseStatus? Status, string? Neighbourhood, string? Owner, string? Text,
    Paging Paging, string Sort)
{
    public const int MaxPageSize = 200;
    public const int DefaultPageSize = 50;
    public static readonly string[] Sorts = ["openedAt", "lastActivityAt", "title", "neighbourhood", "phase"];

    public static CaseListQuery Parse(string? domain, string? phase, string? status, string? neighbourhood, string? owner,
        string? q, int? page, int? pageSize, string? sort)
    {
        var errors = new Dictionary<string, string[]>();
        var query = new CaseListQuery(
            Enum<CaseDomain>("domain", domain, errors), Enum<CasePhase>("phase", phase, errors), Enum<CaseStatus>("status", status, errors),
            Filter("neighbourhood", neighbourhood, errors), Filter("owner", owner, errors), Filter("q", q, errors)?.ToLowerInvariant(),
            Paging.From(page, pageSize, DefaultPageSize, MaxPageSize, errors), Blank(sort) ?? "-lastActivityAt");

        if (!Sorts.Contains(query.Sort.TrimStart('-'))) errors["sort"] = [$"must be one of {string.Join(", ", Sorts)}, optionally prefixed with - for descending"];
        if (query.Text is { Length: > 200 }) errors["q"] = ["may be at most 200 characters"];
        if (errors.Count > 0) throw new InvalidCommand(errors);
        return query;
    }

    public IQueryable<CaseSummary> Apply(IQueryable<CaseSummary> cases)
    {
        if (Domain is { } d) cases = cases.Where(x => x.Domain == d);
        if (Phase is { } p) cases = cases.Where(x => x.Phase == p);
        if (Status is { } s) cases = cases.Where(x => x.Status == s);
        if (Neighbourhood is { } n) cases = cases.Where(x => x.Neighbourhood.Code == n);
        if (Owner is { } o) cases = cases.Where(x => x.Owner == o);
        if (Text is { } t) cases = cases.Where(x => x.SearchText.Contains(t));

        var descending = Sort.StartsWith('-');
        return Sort.TrimStart('-') switch
        {
            "openedAt" => descending ? cases.OrderByDescending(x => x.OpenedAt) : cases.OrderBy(x => x.OpenedAt),
            "title" => descending ? cases.OrderByDescending(x => x.Title) : cases.OrderBy(x => x.Title),
            "neighbourhood" => descending ? cases.OrderByDescending(x => x.Neighbourhood.Name) : cases.OrderBy(x => x.Neighbourhood.Name),
            "phase" => descending ? cases.OrderByDescending(x => x.Phase) : cases.OrderBy(x => x.Phase),
            _ => descending ? cases.OrderByDescending(x => x.LastActivityAt) : cases.OrderBy(x => x.LastActivityAt),
        };
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string? Filter(string field, string? value, Dictionary<string, string[]> errors)
    {
        if (Blank(value) is not { } given) return null;
        if (CommandValidation.HasForbiddenCharacters(given)) errors[field] = [CommandValidation.ForbiddenCharacters];
        return given;
    }

    private static TEnum? Enum<TEnum>(string field, string? value, Dictionary<string, string[]> errors) where TEnum : struct, Enum
    {
        if (Blank(value) is not { } given) return null;
        if (ApiEnum.TryParse<TEnum>(given, out var parsed)) return parsed;
        errors[field] = [$"must be one of {ApiEnum.Allowed<TEnum>()}"];
        return null;
    }
}
