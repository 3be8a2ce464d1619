using System.Collections.Concurrent;
using Marten;
using Npgsql;

namespace Participation.Host.Http;

/// <summary>
/// Connections to a database of ours with settings of their own (nothing prepared, a commit that does not wait for the WAL
/// flush), pooled apart from the store's: one pool per database, made when a tenant of it first needs one, so with a
/// database per tenant (ADR 40) each tenant's database has its own.
/// </summary>
public sealed class DataSourceVariants(IDocumentStore store, Action<NpgsqlConnectionStringBuilder> change) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, NpgsqlDataSource> _variants = new();

    /// <summary>The variant of the database <paramref name="session"/> works in.</summary>
    public NpgsqlDataSource Of(IQuerySession session) => Of(session.DataSource());

    /// <summary>The variant of <paramref name="tenant"/>'s database.</summary>
    public async ValueTask<NpgsqlDataSource> ForAsync(string tenant) => Of(await store.DataSourceAsync(tenant));

    private NpgsqlDataSource Of(NpgsqlDataSource database) =>
        _variants.GetOrAdd(database.ConnectionString, connectionString =>
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            change(builder);
            return new NpgsqlDataSourceBuilder(builder.ConnectionString).Build();
        });

    public async ValueTask DisposeAsync()
    {
        foreach (var variant in _variants.Values) await variant.DisposeAsync();
    }
}
