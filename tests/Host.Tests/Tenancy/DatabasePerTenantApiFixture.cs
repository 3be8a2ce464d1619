using System.Collections.Concurrent;
using JasperFx.Resources;
using Marten;
using Marten.Storage;
using Microsoft.AspNetCore.Hosting;
using Npgsql;
using Participation.Host.Operations;
using Participation.Host.Tests.Support;

namespace Participation.Host.Tests.Tenancy;

/// <summary>
/// The API host in the database-per-tenant mode (ADR 40), for the test classes that run in both modes: every tenant a test
/// uses gets a database of its own before its first request, cloned from a template database that holds the whole schema
/// (Marten's and Wolverine's), so a tenant costs a <c>create database … template</c> and a row in the master table. The host
/// applies no schema itself (<c>Database:ApplySchemaOnStartup=false</c>), as a deployment that runs <c>resources setup</c>.
/// </summary>
public sealed class DatabasePerTenantApiFixture() : ApiFixture("participation")
{
    private readonly string _prefix = "tt_" + Guid.NewGuid().ToString("N")[..8] + "_";
    private readonly ConcurrentDictionary<string, Lazy<Task>> _tenants = new();

    private string Database(string name) => new NpgsqlConnectionStringBuilder(TestDatabase.ConnectionString) { Database = _prefix + name }.ConnectionString;

    private string Master => Database("master");

    private string Template => _prefix + "template";

    public override async Task InitializeAsync()
    {
        await Sql.ExecuteAsync($"create database {_prefix}master");
        await using (var setup = await TestHost.StartAsync("Development", Schema, ("ConnectionStrings:Marten", Master), (TenancyModes.Setting, "database-per-tenant"),
                         ("Marten:Daemon", "Disabled")))
        {
            var store = setup.Services.GetRequiredService<IDocumentStore>();
            var tenancy = (MasterTableTenancy)store.Options.Tenancy;
            await TenantDatabaseProvisioning.AddAsync(store, tenancy, "template", Database("template"), CancellationToken.None);
            await setup.SetupResources();
            await tenancy.DeleteDatabaseRecordAsync("template");
        }
        NpgsqlConnection.ClearAllPools();
        await base.InitializeAsync();
    }

    protected override void Configure(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:Marten", Master);
        builder.UseSetting(TenancyModes.Setting, "database-per-tenant");
        builder.UseSetting("Database:ApplySchemaOnStartup", "false");
        // Many tenants' databases in one run: each keeps few connections, and gives them back soon.
        builder.UseSetting("Tenancy:ConnectionsPerDatabase", "4");
        builder.UseSetting("Tenancy:IdleSeconds", "2");
    }

    // Every database is new: nothing to empty.
    protected override Task ResetAsync() => Task.CompletedTask;

    protected override void Provision(string tenant) =>
        _tenants.GetOrAdd(tenant, t => new Lazy<Task>(() => ProvisionAsync(t))).Value.GetAwaiter().GetResult();

    private async Task ProvisionAsync(string tenant)
    {
        var name = tenant.Replace('-', '_');
        await Sql.ExecuteAsync($"create database {_prefix}{name} template {Template}");
        var store = Host.Services.GetRequiredService<IDocumentStore>();
        await ((MasterTableTenancy)store.Options.Tenancy).AddTenantAsync(tenant, Database(name));
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Sql.DropDatabasesAsync(_prefix);
    }
}

[CollectionDefinition(Name)]
public sealed class DatabasePerTenantApiCollection : ICollectionFixture<DatabasePerTenantApiFixture>
{
    public const string Name = "api with a database per tenant";
}
