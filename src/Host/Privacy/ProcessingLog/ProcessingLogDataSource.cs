using Marten;
using Microsoft.Extensions.Options;
using Npgsql;
using Participation.Host.Http;

namespace Participation.Host.Privacy;

/// <summary>
/// The connections a read's records are stored on: the tenant's event store database, pooled apart, and unless
/// <c>ProcessingLog:SynchronousReadCommit</c> is set committing without waiting for the WAL flush
/// (<c>synchronous_commit=off</c>): the record is stored and visible before the answer is sent, and becomes durable within
/// a few hundred milliseconds; only a crash of PostgreSQL itself inside that window loses it (ADR 32). A write's records
/// are not stored here: they commit in the write's own transaction, as durable as its events.
/// </summary>
public sealed class ProcessingLogDataSource(IDocumentStore store, IConfiguration configuration, IOptions<ProcessingLogOptions> options) : IAsyncDisposable
{
    private readonly DataSourceVariants _variants = new(store, builder =>
    {
        // As the event store's own connections (ADR 9, 21), with fewer statements to keep prepared: the insert and the update
        // (unless Database:MaxAutoPrepare=0 turns preparing off, for a pooler that cannot keep prepared statements).
        builder.MaxAutoPrepare = configuration.GetValue("Database:MaxAutoPrepare", 16) == 0 ? 0 : 16;
        if (!options.Value.SynchronousReadCommit) builder.Options = $"{builder.Options} -c synchronous_commit=off".Trim();
    });

    /// <summary>The connections of <paramref name="tenant"/>'s database the records are stored on.</summary>
    public ValueTask<NpgsqlDataSource> ForAsync(string tenant) => _variants.ForAsync(tenant);

    public ValueTask DisposeAsync() => _variants.DisposeAsync();
}
