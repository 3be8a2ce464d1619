using Participation.Domain.Cases;
using Participation.Domain.Insights;
using Participation.Host.Http;

namespace Participation.Host.Insights;

/// <summary>The period and filters of <c>GET /api/insights</c>, validated: the quarter defaults to the current one.</summary>
public sealed record InsightsQuery(Quarter Period, string? District, string? Neighbourhood, CaseDomain? Domain)
{
    public static InsightsQuery Parse(string? period, string? district, string? neighbourhood, string? domain, DateTimeOffset now)
    {
        var errors = new Dictionary<string, string[]>();
        var quarter = Quarter.Of(now);
        if (QueryParameters.Blank(period) is { } text && !Quarter.TryParse(text, out quarter))
            errors["period"] = ["must be a quarter such as 2026-Q3"];
        var query = new InsightsQuery(quarter, QueryParameters.Text("district", district, errors), QueryParameters.Text("neighbourhood", neighbourhood, errors),
            QueryParameters.Enum<CaseDomain>("domain", domain, errors));
        if (errors.Count > 0) throw new InvalidCommand(errors);
        return query;
    }
}
