using Marten;
using Npgsql;
using Participation.Domain.Cases;
using Participation.Host.Http;
using Participation.Projections.Cases;
using Participation.Projections.Progress;

namespace Participation.Host.Cases.Reading;

/// <summary>
/// The <c>total</c> of a page of the list (ADR 20). A short page from the list's start tells it by itself. Otherwise,
/// when the filters are ones the dashboard's figures count (domain, phase and status; or neighbourhood and status) and
/// the figures hold more than <see cref="CaseListOptions.ExactUpTo"/> cases, their sum answers, flagged as an
/// estimate: they trail the list by the async daemon's lag. Else the matching cases are counted up to that many, and
/// beyond it the planner's estimate answers. The figures' sum, or else the bounded count, is read in the page's round
/// trip (<see cref="BatchedPage"/>).
/// </summary>
public static class CaseListTotal
{
    /// <summary>What the page's round trip read for the total: the figures' sum, or the matches counted up to the bound.</summary>
    public sealed record Counted(long Value, bool FromFigures);

    /// <summary>The statement read with the page: the sum of the figure cells counting the query's filters if a figure does, else the bounded count.</summary>
    public static (NpgsqlBatchCommand Command, bool FromFigures) Statement(IQuerySession session, CaseListQuery query, int exactUpTo)
    {
        if (FigureKeys(query) is not var (figure, keys))
            return (BatchedPage.Count(Bounded(session, query, exactUpTo)), false);
        var sum = new NpgsqlBatchCommand(
            $"select coalesce(sum(count), 0)::bigint from {session.DocumentStore.Options.Events.DatabaseSchemaName}.{ProgressFigureTable.Name} " +
            "where tenant_id = $1 and figure = $2 and key = any($3) and level = 0 and bucket = 0");
        sum.Parameters.Add(new NpgsqlParameter { Value = session.TenantId });
        sum.Parameters.Add(new NpgsqlParameter { Value = figure });
        sum.Parameters.Add(new NpgsqlParameter { Value = keys.Select(k => k.Text).ToArray() });
        return (sum, true);
    }

    public static async Task<(long Total, bool Estimated)> Of(IQuerySession session, CaseListQuery query, int onPage, Counted counted,
        int exactUpTo, CancellationToken cancellation)
    {
        if (query.After is null && onPage < query.Paging.Size && (onPage > 0 || query.Paging.Page == 1))
            return (query.Paging.Skip + onPage, false);
        if (counted.FromFigures && counted.Value > exactUpTo) return (counted.Value, true);
        var matches = counted.FromFigures ? (await Bounded(session, query, exactUpTo).ToListAsync(cancellation)).Count : counted.Value;
        if (matches <= exactUpTo) return (matches, false);
        var plan = await query.Filter(session).ExplainAsync(token: cancellation);
        return (Math.Max((long)(plan.PlanRows ?? 0), exactUpTo + 1), true);
    }

    /// <summary>
    /// The matches' ids, at most one past the bound: Marten's CountAsync drops the Take and counts every match (38,000
    /// for a search at 200,000 cases, 150 ms).
    /// </summary>
    private static IQueryable<Guid> Bounded(IQuerySession session, CaseListQuery query, int exactUpTo) =>
        query.Filter(session).Select(x => x.Id).Take(exactUpTo + 1);

    private static (string Figure, ProgressFigureKey[] Keys)? FigureKeys(CaseListQuery query)
    {
        if (query.Owner is not null || query.Text is not null || query.Punctuality is not null) return null;
        var statuses = query.Status is { } s ? [s] : Enum.GetValues<CaseStatus>();
        if (query.Neighbourhood is { } code)
            return query.Domain is null && query.Phase is null
                ? (ProgressFigures.Neighbourhood, [.. statuses.Select(status => ProgressFigures.NeighbourhoodKey(code, status))])
                : null;
        var domains = query.Domain is { } d ? [d] : Enum.GetValues<CaseDomain>();
        var phases = query.Phase is { } p ? [p] : Enum.GetValues<CasePhase>();
        return (ProgressFigures.Cases, [.. from domain in domains from phase in phases from status in statuses select ProgressFigures.CasesKey(domain, phase, status)]);
    }
}
