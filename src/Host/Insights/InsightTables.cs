using Marten;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Npgsql;
using Participation.Domain.Insights;
using Participation.Host.Http;

namespace Participation.Host.Insights;

/// <summary>
/// The publishable tables last built, per tenant and quarter, each with the sources it was built from
/// (<see cref="InsightSources"/>). A read asks for the sources (one small statement) and builds the table again only when
/// they changed since: a quarter whose figures stand still (every past one, mostly) is answered without reading its rows,
/// and a change shows at the next read, as without the cache. When no row was deleted since, only the rows written since
/// are read and the table is built again from the rows kept and those (ADR 37).
/// </summary>
public sealed class InsightTables(IOptions<FigureOptions> figures) : IDisposable
{
    // A table is some megabytes at a city's size; a few tenants' recent quarters fit.
    private const int Capacity = 32;
    private static readonly MemoryCacheEntryOptions OneSlot = new() { Size = 1, SlidingExpiration = TimeSpan.FromMinutes(30) };
    private readonly MemoryCache _tables = new(new MemoryCacheOptions { SizeLimit = Capacity });

    private sealed record Built(InsightSources Sources, IReadOnlyDictionary<(string, string, string), RowFigures> Rows,
        IReadOnlyList<ActiveNetwork> Networks, InsightTable Table);

    public async Task<InsightTable> OfAsync(IQuerySession session, Quarter quarter, CancellationToken cancellation)
    {
        var key = (session.TenantId, quarter.Index);
        var kept = _tables.TryGetValue(key, out Built? found) ? found : null;
        var (sources, insertedSince) = await InsightReading.SourcesAsync(session.DataSource(), session, quarter, kept?.Sources.FiguresWritten, cancellation);
        if (kept is not null && kept.Sources == sources) return kept.Table;

        // Rows are rewritten in place and inserted; only a deletion (a rebuild, a tenant's data removed) makes the count
        // fall short of the rows kept plus those inserted since, and then everything is read again.
        var sinceKept = kept is not null && kept.Sources.FiguresWritten is not null && sources.FigureRows == kept.Sources.FigureRows + insertedSince
            ? kept : null;
        var reading = await InsightReading.ReadAsync(session.DataSource(), session, quarter, sinceKept?.Sources.FiguresWritten,
            withNetworks: sinceKept is null || !sinceKept.Sources.SameNetworks(sources), cancellation);
        var rows = sinceKept is null ? new Dictionary<(string, string, string), RowFigures>() : new Dictionary<(string, string, string), RowFigures>(sinceKept.Rows);
        foreach (var row in reading.Rows) rows[(row.District, row.Neighbourhood, row.Domain)] = RowFigures.Of(row);
        var networks = reading.Networks ?? sinceKept!.Networks;
        var table = InsightTable.Of(rows.Values, networks, figures.Value.MinimumCount);
        _tables.Set(key, new Built(sources, rows, networks, table), OneSlot);
        return table;
    }

    public void Dispose() => _tables.Dispose();
}
