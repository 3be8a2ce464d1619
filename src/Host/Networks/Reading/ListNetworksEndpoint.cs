using Marten;
using Microsoft.AspNetCore.Authorization;
using Npgsql;
using Participation.Host.Http;
using Participation.Host.Security;
using Participation.Projections.Networks;
using Wolverine.Http;

namespace Participation.Host.Networks.Reading;

public static class ListNetworksEndpoint
{
    /// <summary>
    /// The tenant's networks with their reach, most cases first by default; <c>neighbourhood</c> finds those active in or
    /// reaching it, <c>q</c> searches name and organisation. Networks only connections have named are listed too (<c>registered</c> false).
    /// </summary>
    [EndpointSummary("The tenant's networks and their reach")]
    [WolverineGet(NetworkRoutes.Networks, OperationId = "ListNetworks"), Authorize(Policy = Policies.ReadNetworks)]
    public static async Task<NetworkPage> Get(IQuerySession session, string? neighbourhood, string? district, string? kind,
        string? status, string? q, int? page, int? pageSize, string? sort, CancellationToken cancellation)
    {
        var query = NetworkListQuery.Parse(neighbourhood, district, kind, status, q, page, pageSize, sort);
        // The total counted beside the page in the same round trip, not by Marten's statistics, whose count(*) over () reads
        // and sorts every matching network's document for a page of a hundred (ADR 27).
        var (networks, total) = await BatchedPage.Read<NetworkSummary>(session, session.DataSource(), query.PageStatement(session),
            BatchedPage.Count(query.Filter(session).Select(x => x.Id)), cancellation);
        return new NetworkPage(networks.Select(NetworkItem.From).ToList(), query.Paging.Page, query.Paging.Size, total);
    }
}
