using Marten;
using Marten.Storage;
using Npgsql;
using Weasel.Postgresql;

namespace Participation.Host.Operations;

/// <summary>
/// The database a tenant's rows live in, for the statements we write ourselves beside Marten's: in the shared mode the one
/// database, with a database per tenant the one the master table names (ADR 40). Statements keep naming the tenant in
/// both, because the rows carry it either way.
/// </summary>
public static class TenantDatabases
{
    /// <summary>The connections of the database <paramref name="session"/> works in: its tenant's.</summary>
    public static NpgsqlDataSource DataSource(this IQuerySession session) => ((PostgresqlDatabase)session.Database).DataSource;

    /// <summary>The connections of <paramref name="tenant"/>'s database.</summary>
    public static async ValueTask<NpgsqlDataSource> DataSourceAsync(this IDocumentStore store, string tenant) =>
        ((PostgresqlDatabase)await store.Storage.FindOrCreateDatabase(tenant)).DataSource;

    /// <summary>Every database that holds tenants' data (not the master database's list of tenants), each with its connections.</summary>
    public static async Task<IReadOnlyList<(IMartenDatabase Database, NpgsqlDataSource DataSource)>> TenantDatabasesAsync(this IDocumentStore store) =>
        (await store.Storage.AllDatabases()).Select(d => (d, ((PostgresqlDatabase)d).DataSource)).ToList();
}
