using Marten;
using Microsoft.AspNetCore.Authorization;
using Participation.Host.Security;
using Participation.Projections.Progress;
using Wolverine.Http;

namespace Participation.Host.Progress;

public static class NetworksEndpoint
{
    /// <summary>Every network the tenant's cases connect to, most cases first, with the cases, participants and neighbourhoods it reaches and its active agreements.</summary>
    [EndpointSummary("Networks the tenant's cases connect to")]
    [WolverineGet("/api/networks", OperationId = "ListNetworks"), Authorize(Policy = Policies.TrackProgress)]
    public static async Task<NetworkList> Get(IQuerySession session, CancellationToken cancellation)
    {
        var networks = await session.Query<NetworkReach>().ToListAsync(cancellation);
        var caseIds = networks.SelectMany(n => n.Cases.Select(c => c.CaseId)).Distinct().ToArray();
        var progress = caseIds.Length == 0
            ? new Dictionary<Guid, CaseProgress>()
            : (await session.LoadManyAsync<CaseProgress>(cancellation, caseIds)).ToDictionary(c => c.Id);
        var items = networks.Select(n => NetworkFigures.From(n, progress))
            .OrderByDescending(n => n.Cases).ThenBy(n => n.Key, StringComparer.Ordinal).ToList();
        return new NetworkList(items);
    }
}
