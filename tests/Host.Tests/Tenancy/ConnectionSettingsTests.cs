using Microsoft.Extensions.Configuration;
using Npgsql;
using Participation.Host.Operations;

namespace Participation.Host.Tests.Tenancy;

/// <summary>
/// The connection settings a database per tenant relies on (ADR 40): the pools of a tenant database are built from the
/// store's data source's connection string, so it must keep its password (the test servers trust every local connection and
/// would not notice), and each tenant database's pools are bounded by configuration.
/// </summary>
public sealed class ConnectionSettingsTests
{
    private static IConfiguration Configuration(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value))).Build();

    [Fact]
    public async Task A_data_source_of_the_store_keeps_the_password_its_variants_are_built_with()
    {
        var configured = Configuration(("ConnectionStrings:Marten", "Host=db.example;Database=participation;Username=app;Password=s3cret"));

        await using var dataSource = NpgsqlDataSource.Create(EventStore.ConnectionString(configured));

        Assert.Equal("s3cret", new NpgsqlConnectionStringBuilder(dataSource.ConnectionString).Password);
    }

    [Fact]
    public void A_tenant_database_s_pools_are_bounded_and_give_back_idle_connections_as_configured()
    {
        var builder = new NpgsqlConnectionStringBuilder("Host=db.example;Database=denbosch");

        TenantPools.Bound(builder, Configuration(("Tenancy:ConnectionsPerDatabase", "4"), ("Tenancy:IdleSeconds", "30")));

        Assert.Equal(4, builder.MaxPoolSize);
        Assert.Equal(30, builder.ConnectionIdleLifetime);
        Assert.True(builder.ConnectionPruningInterval <= 30);
        var defaults = new NpgsqlConnectionStringBuilder("Host=db.example;Database=denbosch");
        TenantPools.Bound(defaults, Configuration());
        Assert.Equal(TenantPools.DefaultConnectionsPerDatabase, defaults.MaxPoolSize);
    }

    [Fact]
    public void The_master_database_is_told_apart_from_a_tenant_s_on_the_same_server()
    {
        var master = new NpgsqlConnectionStringBuilder("Host=db.example;Port=5432;Database=participation_master");

        Assert.True(TenantPools.SameDatabase(new NpgsqlConnectionStringBuilder("Host=DB.example;Port=5432;Database=participation_master;Password=x"), master));
        Assert.False(TenantPools.SameDatabase(new NpgsqlConnectionStringBuilder("Host=db.example;Port=5432;Database=participation_denbosch"), master));
        Assert.False(TenantPools.SameDatabase(new NpgsqlConnectionStringBuilder("Host=db.example;Port=5433;Database=participation_master"), master));
    }
}
