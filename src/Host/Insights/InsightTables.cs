using Marten;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Npgsql;
using Participation.Domain.Insights;

namespace Participation.Host.Insights;

/// <summary>
/// The publishable tables last built, per tenant and quarter, each with the sources it was built from
/// (<see cref="InsightSources"/>). A read asks for the sources (one small statement) and builds the table again only when
/// they changed since: a quarter whose figures stand still (every past one, mostly) is answered without reading its rows,
/// and a change shows at the next read, as without the cache (ADR 37).
/// </summary>
public sealed class InsightTables(NpgsqlDataSource dataSource, IOptions<FigureOptions> figures) : IDisposable
{
    // A table is some megabytes at a city's size; a few tenants' recent quarters fit.
    private const int Capacity = 32;
    private static readonly MemoryCacheEntryOptions OneSlot = new() { Size = 1, SlidingExpiration = TimeSpan.FromMinutes(30) };
    private readonly MemoryCache _tables = new(new MemoryCacheOptions { SizeLimit = Capacity });

    private sealed record Built(InsightSources Sources, InsightTable Table);

    public async Task<InsightTable> OfAsync(IQuerySession session, Quarter quarter, CancellationToken cancellation)
    {
        var sources = await InsightReading.SourcesAsync(dataSource, session, quarter, cancellation);
        var key = (session.TenantId, quarter.Index);
        if (_tables.TryGetValue(key, out Built? built) && built!.Sources == sources) return built.Table;
        var table = InsightTable.Of(await InsightReading.ReadAsync(dataSource, session, quarter, cancellation), figures.Value.MinimumCount);
        _tables.Set(key, new Built(sources, table), OneSlot);
        return table;
    }

    public void Dispose() => _tables.Dispose();
}
