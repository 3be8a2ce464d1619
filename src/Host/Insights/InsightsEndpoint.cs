using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using Npgsql;
using Participation.Host.Security;
using Wolverine.Http;

namespace Participation.Host.Insights;

public static class InsightsEndpoint
{
    /// <summary>
    /// Eigen Kracht in Beeld: per neighbourhood, district and for the tenant, for one quarter (default the current one), the
    /// networks present, cases and participants, connections and agreements made, and the residents' measured self-reliance
    /// per ZRM life domain. Counts below Figures:MinimumCount, and counts that would give one away, are null and listed in
    /// `suppressed`. Fed by the async daemon: a command shows up here within moments.
    /// </summary>
    [EndpointSummary("Eigen Kracht in Beeld: the figures safe to publish, per neighbourhood, district and tenant")]
    [WolverineGet("/api/insights", OperationId = "GetInsights"), Authorize(Policy = Policies.TrackProgress)]
    public static async Task<InsightsAnswer> Get(IQuerySession session, InsightTables tables, TimeProvider clock, IOptions<FigureOptions> figures,
        string? period, string? district, string? neighbourhood, string? domain, CancellationToken cancellation)
    {
        var query = InsightsQuery.Parse(period, district, neighbourhood, domain, clock.GetUtcNow());
        return await Answer(session, tables, query, figures.Value.MinimumCount, cancellation);
    }

    public static async Task<InsightsAnswer> Answer(IQuerySession session, InsightTables tables, InsightsQuery query, int minimumCount,
        CancellationToken cancellation)
    {
        var rows = (await tables.OfAsync(session, query.Period, cancellation)).Rows(query.Domain, query.District, query.Neighbourhood);
        return new InsightsAnswer(query.Period.ToString(), query.Period.FirstDay, query.Period.LastDay, query.Domain, minimumCount, rows);
    }
}
