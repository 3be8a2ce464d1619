using Marten;
using Npgsql;
using Participation.Domain.Cases;
using Participation.Projections.Cases;
using Participation.Projections.Progress;

namespace Participation.Host.Cases.Reading;

/// <summary>
/// The <c>total</c> of a page of the list (ADR 20). A short page from the list's start tells it by itself. Otherwise,
/// when the filters are ones the dashboard's figures count (domain, phase and status; or neighbourhood and status) and
/// the figures hold more than <see cref="CaseListOptions.ExactUpTo"/> cases, their sum answers, flagged as an
/// estimate: they trail the list by the async daemon's lag. Else the matching cases are counted up to that many, and
/// beyond it the planner's estimate answers.
/// </summary>
public static class CaseListTotal
{
    public static async Task<(long Total, bool Estimated)> Of(IQuerySession session, NpgsqlDataSource dataSource, CaseListQuery query, int onPage,
        int exactUpTo, CancellationToken cancellation)
    {
        if (query.After is null && onPage < query.Paging.Size && (onPage > 0 || query.Paging.Page == 1))
            return (query.Paging.Skip + onPage, false);
        if (FigureKeys(query) is { } keys && await SumOfFigures(session, dataSource, keys, cancellation) is var figures && figures > exactUpTo)
            return (figures, true);
        // The ids themselves, bounded: Marten's CountAsync drops the Take and counts every match (38,000 for a search at
        // 200,000 cases, 150 ms).
        var counted = (await query.Filter(session.Query<CaseSummary>()).Select(x => x.Id).Take(exactUpTo + 1).ToListAsync(cancellation)).Count;
        if (counted <= exactUpTo) return (counted, false);
        var plan = await query.Filter(session.Query<CaseSummary>()).ExplainAsync(token: cancellation);
        return (Math.Max((long)(plan.PlanRows ?? 0), exactUpTo + 1), true);
    }

    /// <summary>The figure and its cells that count the cases the query's filters match, if one does.</summary>
    private static (string Figure, string[] Keys)? FigureKeys(CaseListQuery query)
    {
        if (query.Owner is not null || query.Text is not null) return null;
        var statuses = query.Status is { } s ? [s] : Enum.GetValues<CaseStatus>();
        if (query.Neighbourhood is { } code)
            return query.Domain is null && query.Phase is null
                ? (ProgressFigures.Neighbourhood, [.. statuses.Select(status => ProgressFigures.NeighbourhoodKey(code, status))])
                : null;
        var domains = query.Domain is { } d ? [d] : Enum.GetValues<CaseDomain>();
        var phases = query.Phase is { } p ? [p] : Enum.GetValues<CasePhase>();
        return (ProgressFigures.Cases, [.. from domain in domains from phase in phases from status in statuses select ProgressFigures.CasesKey(domain, phase, status)]);
    }

    private static async Task<long> SumOfFigures(IQuerySession session, NpgsqlDataSource dataSource, (string Figure, string[] Keys) cells,
        CancellationToken cancellation)
    {
        await using var command = dataSource.CreateCommand(
            $"select coalesce(sum(count), 0)::bigint from {session.DocumentStore.Options.Events.DatabaseSchemaName}.{ProgressFigureTable.Name} " +
            "where tenant_id = $1 and figure = $2 and key = any($3) and level = 0 and bucket = 0");
        command.Parameters.Add(new NpgsqlParameter { Value = session.TenantId });
        command.Parameters.Add(new NpgsqlParameter { Value = cells.Figure });
        command.Parameters.Add(new NpgsqlParameter { Value = cells.Keys });
        return (long)(await command.ExecuteScalarAsync(cancellation))!;
    }
}
