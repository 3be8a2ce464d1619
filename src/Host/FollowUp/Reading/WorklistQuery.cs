using System.Buffers.Text;
using System.Globalization;
using System.Text;
using Participation.Domain.Cases;
using Participation.Domain.FollowUp;
using Participation.Host.Http;

namespace Participation.Host.FollowUp.Reading;

/// <summary>The filters and cursor of <c>GET /api/worklist</c>, validated. <c>owner=me</c> is the caller.</summary>
public sealed record WorklistQuery(
    string? Owner, FollowUpKind? Kind, Punctuality? Status, CaseDomain? Domain, string? Neighbourhood, int PageSize, WorklistCursor? After)
{
    public const int MaxPageSize = 200;
    public const int DefaultPageSize = 50;

    public static WorklistQuery Parse(string? owner, string? kind, string? status, string? domain, string? neighbourhood, int? pageSize, string? after,
        string caller)
    {
        var errors = new Dictionary<string, string[]>();
        var query = new WorklistQuery(
            QueryParameters.Text("owner", owner, errors) is { } o ? (o == "me" ? caller : o) : null, QueryParameters.Enum<FollowUpKind>("kind", kind, errors),
            QueryParameters.Enum<Punctuality>("status", status, errors), QueryParameters.Enum<CaseDomain>("domain", domain, errors),
            QueryParameters.Text("neighbourhood", neighbourhood, errors), Paging.From(1, pageSize, DefaultPageSize, MaxPageSize, errors).Size, null);
        if (query.Status == Punctuality.OnTime) errors["status"] = ["must be late or late-3x: the worklist holds what is overdue"];
        if (QueryParameters.Blank(after) is { } given && (query = query with { After = WorklistCursor.Decode(given) }).After is null)
            errors["after"] = ["must be the `after` of a page of the worklist"];
        if (errors.Count > 0) throw new InvalidCommand(errors);
        return query;
    }
}

/// <summary>
/// Where a page of the worklist ended: the last item's due moment and what it is, the list's total order (most overdue first,
/// then by case, kind and what it is about). Opaque to clients.
/// </summary>
public sealed record WorklistCursor(DateTimeOffset DueAt, Guid CaseId, FollowUpKind Kind, Guid? Ref)
{
    public string Encode() => Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{DueAt.UtcTicks}\n{CaseId:N}\n{(int)Kind}\n{Ref:N}"));

    public static WorklistCursor? Decode(string cursor)
    {
        try
        {
            var parts = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor)).Split('\n');
            return parts.Length == 4 && long.TryParse(parts[0], CultureInfo.InvariantCulture, out var ticks) && ticks is >= 0 and <= 3155378975999999999
                   && Guid.TryParseExact(parts[1], "N", out var caseId) && int.TryParse(parts[2], CultureInfo.InvariantCulture, out var kind)
                   && Enum.IsDefined((FollowUpKind)kind) && (parts[3].Length == 0 || Guid.TryParseExact(parts[3], "N", out _))
                ? new WorklistCursor(new DateTimeOffset(ticks, TimeSpan.Zero), caseId, (FollowUpKind)kind, parts[3].Length == 0 ? null : Guid.ParseExact(parts[3], "N"))
                : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
