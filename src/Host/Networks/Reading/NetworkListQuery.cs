using Marten;
using Marten.Linq.MatchesSql;
using Npgsql;
using Participation.Domain.Cases;
using Participation.Domain.Networks;
using Participation.Host.Http;
using Participation.Projections.Networks;

namespace Participation.Host.Networks.Reading;

/// <summary>The filters, paging and sorting of <c>GET /api/networks</c>, validated.</summary>
public sealed record NetworkListQuery(
    string? Neighbourhood, string? District, NetworkKind? Kind, NetworkStatus? Status, string? Text, Paging Paging, string Sort)
{
    public const int MaxPageSize = 1000;
    public const int DefaultPageSize = 100;
    public static readonly string[] Sorts = ["cases", "openCases", "participants", "name", "firstConnectedAt", "lastActivityAt"];

    public static NetworkListQuery Parse(string? neighbourhood, string? district, string? kind, string? status, string? q, int? page, int? pageSize, string? sort)
    {
        var errors = new Dictionary<string, string[]>();
        var query = new NetworkListQuery(
            QueryParameters.Text("neighbourhood", neighbourhood, errors), QueryParameters.Text("district", district, errors),
            QueryParameters.Enum<NetworkKind>("kind", kind, errors), QueryParameters.Enum<NetworkStatus>("status", status, errors),
            QueryParameters.Text("q", q, errors) is { } text ? NetworkNames.Key(text) : null,
            Paging.From(page, pageSize, DefaultPageSize, MaxPageSize, errors), QueryParameters.Blank(sort) ?? "-cases");
        if (!Sorts.Contains(query.Sort.TrimStart('-'))) errors["sort"] = [$"must be one of {string.Join(", ", Sorts)}, optionally prefixed with - for descending"];
        if (errors.Count > 0) throw new InvalidCommand(errors);
        return query;
    }

    /// <summary>The networks matching the filters, in no particular order: what <c>total</c> counts.</summary>
    public IQueryable<NetworkSummary> Filter(IQuerySession session)
    {
        IQueryable<NetworkSummary> networks = session.Query<NetworkSummary>();
        if (Neighbourhood is { } n) networks = networks.Where(x => x.MatchesSql($"d.{NetworkListIndexes.NeighbourhoodsColumn} @> array[?]::varchar[]", n));
        if (District is { } d) networks = networks.Where(x => x.MatchesSql($"d.{NetworkListIndexes.DistrictsColumn} @> array[?]::varchar[]", d));
        if (Kind is { } k) networks = networks.Where(x => x.Kind == k);
        if (Status is { } s) networks = networks.Where(x => x.Status == s);
        if (Text is { } t) networks = networks.Where(x => x.SearchText.Contains(t));
        return networks;
    }

    /// <summary>The page: the matching networks in the sort with the name and id after it, so the order is total.</summary>
    public IQueryable<NetworkSummary> Page(IQuerySession session)
    {
        var networks = Filter(session);
        var descending = Sort.StartsWith('-');
        var sorted = Sort.TrimStart('-') switch
        {
            "openCases" => descending ? networks.OrderByDescending(x => x.OpenCases) : networks.OrderBy(x => x.OpenCases),
            "participants" => descending ? networks.OrderByDescending(x => x.Participants) : networks.OrderBy(x => x.Participants),
            "name" => descending ? networks.OrderByDescending(x => x.SearchText) : networks.OrderBy(x => x.SearchText),
            "firstConnectedAt" => descending ? networks.OrderByDescending(x => x.FirstConnectedAt) : networks.OrderBy(x => x.FirstConnectedAt),
            "lastActivityAt" => descending ? networks.OrderByDescending(x => x.LastActivityAt) : networks.OrderBy(x => x.LastActivityAt),
            _ => descending ? networks.OrderByDescending(x => x.Cases) : networks.OrderBy(x => x.Cases),
        };
        return sorted.ThenBy(x => x.SearchText).ThenBy(x => x.Id).Skip(Paging.Skip).Take(Paging.Size);
    }

    /// <summary>
    /// The page's networks in one statement: the ids of <see cref="Page"/> first, which the index of the order answers by
    /// itself (an index-only scan, so a deep page passes over index entries rather than over the networks before it, and
    /// PostgreSQL has no reason to sort the whole tenant instead), then those networks' documents in that order (ADR 27).
    /// </summary>
    public NpgsqlBatchCommand PageStatement(IQuerySession session)
    {
        var table = session.DocumentStore.Options.FindOrResolveDocumentType(typeof(NetworkSummary)).TableName.QualifiedName;
        var statement = BatchedPage.Statement(Page(session).Select(x => x.Id), ids =>
            $"select network.data from unnest(array({ids})) with ordinality as page (id, position) " +
            $"join {table} as network on network.tenant_id = :tenant and network.id = page.id order by page.position");
        statement.Parameters.Add(new NpgsqlParameter("tenant", session.TenantId));
        return statement;
    }
}
