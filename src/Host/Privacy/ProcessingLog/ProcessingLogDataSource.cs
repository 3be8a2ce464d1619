using Microsoft.Extensions.Options;
using Npgsql;

namespace Participation.Host.Privacy;

/// <summary>
/// The connections a read's records are stored on: the event store's database, pooled apart, and unless
/// <c>ProcessingLog:SynchronousReadCommit</c> is set committing without waiting for the WAL flush
/// (<c>synchronous_commit=off</c>): the record is stored and visible before the answer is sent, and becomes durable within
/// a few hundred milliseconds; only a crash of PostgreSQL itself inside that window loses it (ADR 32). A write's records
/// are not stored here: they commit in the write's own transaction, as durable as its events.
/// </summary>
public sealed class ProcessingLogDataSource : IAsyncDisposable
{
    public ProcessingLogDataSource(IConfiguration configuration, IOptions<ProcessingLogOptions> options)
    {
        // As the event store's own connections (ADR 9, 21): kept as they are between uses, the insert prepared on each
        // (unless Database:MaxAutoPrepare=0 turns preparing off, for a pooler that cannot keep prepared statements).
        var builder = new NpgsqlConnectionStringBuilder(configuration.GetConnectionString("Marten")
                                                        ?? throw new InvalidOperationException("ConnectionStrings:Marten is not set."))
        {
            NoResetOnClose = true,
        };
        if (builder.MaxAutoPrepare == 0 && configuration.GetValue("Database:MaxAutoPrepare", 16) != 0)
        {
            builder.MaxAutoPrepare = 16;
            builder.AutoPrepareMinUsages = 2;
        }
        if (!options.Value.SynchronousReadCommit) builder.Options = $"{builder.Options} -c synchronous_commit=off".Trim();
        DataSource = new NpgsqlDataSourceBuilder(builder.ConnectionString).Build();
    }

    public NpgsqlDataSource DataSource { get; }

    public ValueTask DisposeAsync() => DataSource.DisposeAsync();
}
