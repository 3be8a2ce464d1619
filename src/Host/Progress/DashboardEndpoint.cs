using Marten;
using Microsoft.AspNetCore.Authorization;
using Participation.Host.FollowUp;
using Participation.Host.Security;
using Npgsql;
using Participation.Host.Http;
using Wolverine.Http;

namespace Participation.Host.Progress;

public static class DashboardEndpoint
{
    /// <summary>
    /// Open and closed cases by domain × phase, neighbourhood and district; days per phase (median, p90);
    /// outcomes of closed cases; stalled cases (the first 1,000 ids, longest quiet first; all counted). Fed by the async daemon: a command shows up here within moments, not instantly.
    /// <c>punctuality</c>: open cases (not suspended) by domain × phase and how their follow-up stands now, read as the case list is.
    /// </summary>
    [EndpointSummary("Progress figures across the tenant's cases")]
    [WolverineGet("/api/dashboard", OperationId = "GetDashboard"), Authorize(Policy = Policies.TrackProgress)]
    public static async Task<Dashboard> Get(IQuerySession session, TimeProvider clock, CancellationToken cancellation)
    {
        var now = clock.GetUtcNow();
        return Dashboard.From(await DashboardFigures.ReadAsync(session.DataSource(), session, now, cancellation), now) with
        {
            Punctuality = await PunctualityFigures.ReadAsync(session.DataSource(), session, now, cancellation),
        };
    }
}
