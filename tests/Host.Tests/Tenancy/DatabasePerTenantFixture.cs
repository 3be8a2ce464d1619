using Alba;
using Marten;
using Marten.Storage;
using Npgsql;
using Participation.Host.Operations;
using Participation.Host.Security;
using Participation.Host.Tests.Support;

namespace Participation.Host.Tests.Tenancy;

/// <summary>
/// A host in the database-per-tenant mode (ADR 40) on a master database of its own, with two municipalities that each have a
/// database of their own on the test server. The databases are named for the run and dropped afterwards.
/// </summary>
public sealed class DatabasePerTenantFixture : IAsyncLifetime
{
    private readonly string _prefix = "tn_" + Guid.NewGuid().ToString("N")[..8] + "_";

    public IAlbaHost Host { get; private set; } = null!;

    public Notifications.Receiver Receiver { get; private set; } = null!;

    public string Master => Database("master");

    public static readonly string[] Tenants = ["amsterdam", "denbosch"];

    /// <summary>The connection string of one of this run's databases (created on first use by <c>tenants add</c>).</summary>
    public string Database(string name) => new NpgsqlConnectionStringBuilder(TestDatabase.ConnectionString) { Database = _prefix + name }.ConnectionString;

    public async Task InitializeAsync()
    {
        Receiver = await Notifications.Receiver.StartAsync();
        await Sql.ExecuteAsync($"create database {_prefix}master");
        Host = await TestHost.StartAsync("Development", "participation", ("ConnectionStrings:Marten", Master), (TenancyModes.Setting, "database-per-tenant"));
        foreach (var tenant in Tenants) await AddTenantAsync(tenant);
    }

    public Task AddTenantAsync(string tenant) => AddTenantAsync(tenant, Database(tenant));

    public Task AddTenantAsync(string tenant, string connectionString) =>
        TenantDatabaseProvisioning.AddAsync(Store, (MasterTableTenancy)Store.Options.Tenancy, tenant, connectionString, CancellationToken.None);

    public IDocumentStore Store => Host.Services.GetRequiredService<IDocumentStore>();

    public Caller As(string tenant, params string[] roles) =>
        new(Host, tenant, "anna", Host.Services.GetRequiredService<TokenIssuer>().Issue("anna", tenant, roles.Length == 0 ? [Roles.Caseworker] : roles));

    /// <summary>A scalar of one of this run's databases, on a connection of its own.</summary>
    public async Task<object?> ScalarAsync(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Database(database)) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        return await connection.ScalarAsync(sql);
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await Receiver.DisposeAsync();
        await Sql.DropDatabasesAsync(_prefix);
    }
}
