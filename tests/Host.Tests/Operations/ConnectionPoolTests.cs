using Npgsql;
using Participation.Host.Tests.Support;

namespace Participation.Host.Tests.Operations;

/// <summary>
/// Pooled connections are not reset with DISCARD ALL (ADR 9). What must still hold: a connection handed
/// back in the middle of a transaction comes out of the pool with that transaction rolled back.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class ConnectionPoolTests(ApiFixture api)
{
    [Fact]
    public async Task A_connection_returned_mid_transaction_comes_back_rolled_back_and_outside_any_transaction()
    {
        var host = new NpgsqlConnectionStringBuilder(api.Host.Services.GetRequiredService<NpgsqlDataSource>().ConnectionString);
        Assert.True(host.NoResetOnClose);
        // The Host's pooling setting with a pool of one, so the second open gets the connection the first handed back.
        await using var source = NpgsqlDataSource.Create(
            new NpgsqlConnectionStringBuilder(TestDatabase.ConnectionString) { NoResetOnClose = host.NoResetOnClose, MaxPoolSize = 1 }.ConnectionString);
        var abandoned = $"{api.Schema}.pool_probe_{Guid.NewGuid():N}";
        var committed = $"{api.Schema}.pool_probe_{Guid.NewGuid():N}";

        int backend;
        await using (var connection = await source.OpenConnectionAsync())
        {
            backend = connection.ProcessID;
            await connection.BeginTransactionAsync();
            await connection.ExecuteAsync($"create table {abandoned} (id int)");
        } // back to the pool with the transaction open

        await using (var connection = await source.OpenConnectionAsync())
        {
            Assert.Equal(backend, connection.ProcessID);
            Assert.Null(await connection.ScalarAsync($"select to_regclass('{abandoned}')::text"));
            await connection.ExecuteAsync($"create table {committed} (id int)");
        }

        Assert.Equal(committed, await Sql.ScalarAsync($"select to_regclass('{committed}')::text"));
        await Sql.ExecuteAsync($"drop table {committed}");
    }
}
