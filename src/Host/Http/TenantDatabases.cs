using Marten;
using Marten.Storage;
using Npgsql;
using Weasel.Postgresql;

namespace Participation.Host.Http;

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

    /// <summary>The tenants a database holds, for log lines and readiness: with a database per tenant its one tenant.</summary>
    public static string Tenants(this IMartenDatabase database) =>
        database.TenantIds.Count > 0 ? string.Join(", ", database.TenantIds.Order()) : database.Id.Identity;

    /// <summary>Every database that holds tenants' data (not the master database's list of tenants), each with its connections.</summary>
    public static async Task<IReadOnlyList<(IMartenDatabase Database, NpgsqlDataSource DataSource)>> TenantDatabasesAsync(this IDocumentStore store) =>
        (await store.Storage.AllDatabases()).Select(d => (d, ((PostgresqlDatabase)d).DataSource)).ToList();

    /// <summary>
    /// Runs <paramref name="work"/> in every tenant database and answers the tenants of those that did not answer (the
    /// <c>database</c> check names them): one database that is away must not hide the others (ADR 40). When none answers
    /// (always so for the shared mode's one database) the failure is thrown, as before.
    /// </summary>
    public static async Task<IReadOnlyList<string>> InEveryTenantDatabaseAsync(this IDocumentStore store, Func<IMartenDatabase, NpgsqlDataSource, Task> work)
    {
        var databases = await store.TenantDatabasesAsync();
        var away = new List<string>();
        Exception? last = null;
        foreach (var (database, dataSource) in databases)
        {
            try
            {
                await work(database, dataSource);
            }
            catch (Exception e) when (DatabaseUnavailable.Is(e))
            {
                away.Add(database.Tenants());
                last = e;
            }
        }
        if (last is not null && away.Count == databases.Count) throw last;
        return away;
    }
}
