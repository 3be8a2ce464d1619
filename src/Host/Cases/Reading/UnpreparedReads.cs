using Marten;
using Npgsql;
using Participation.Host.Http;

namespace Participation.Host.Cases.Reading;

/// <summary>
/// Connections on which nothing is prepared, for the list's text search: its pattern decides the best plan (the trigram
/// index for a rare word, the sort's index for a common one), and a prepared statement runs a generic plan after its
/// fifth execution, one plan for every pattern. At 200,000 cases that plan took 370 ms where PostgreSQL's plan for the
/// pattern took 5 (ADR 21). Everything else keeps the prepared statements of the store's own connections.
/// </summary>
public sealed class UnpreparedReads(IDocumentStore store) : IAsyncDisposable
{
    private readonly DataSourceVariants _variants = new(store, builder => builder.MaxAutoPrepare = 0);

    /// <summary>Unprepared connections to the database <paramref name="session"/> works in.</summary>
    public NpgsqlDataSource DataSourceLike(IQuerySession session) => _variants.Of(session);

    /// <summary>A query session of <paramref name="session"/>'s store and tenant on a connection of its own, closed with it.</summary>
    public IQuerySession Like(IQuerySession session)
    {
        var options = Marten.Services.SessionOptions.ForConnection(DataSourceLike(session).CreateConnection());
        options.TenantId = session.TenantId;
        return session.DocumentStore.QuerySession(options);
    }

    public ValueTask DisposeAsync() => _variants.DisposeAsync();
}
