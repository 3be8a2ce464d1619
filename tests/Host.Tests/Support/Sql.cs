using Npgsql;

namespace Participation.Host.Tests.Support;

/// <summary>Plain SQL against the test database, for tests that look under the API.</summary>
public static class Sql
{
    public static async Task ExecuteAsync(this NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>The first column of the first row; SQL null as null.</summary>
    public static async Task<object?> ScalarAsync(this NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync() is var value and not DBNull ? value : null;
    }

    /// <summary>On a connection of its own, outside any pool.</summary>
    public static async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = await OpenUnpooledAsync();
        return await connection.ScalarAsync(sql);
    }

    /// <summary>On a connection of its own, outside any pool.</summary>
    public static async Task ExecuteAsync(string sql)
    {
        await using var connection = await OpenUnpooledAsync();
        await connection.ExecuteAsync(sql);
    }

    /// <summary>Drops every database of the test server whose name starts with <paramref name="prefix"/> (a run's tenant databases), after closing this process's pools.</summary>
    public static async Task DropDatabasesAsync(string prefix)
    {
        NpgsqlConnection.ClearAllPools();
        var databases = await ScalarAsync($"select string_agg(datname, ',') from pg_database where datname like '{prefix}%'") as string;
        foreach (var database in (databases ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries))
            await ExecuteAsync($"drop database if exists {database} with (force)");
    }

    private static async Task<NpgsqlConnection> OpenUnpooledAsync()
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(TestDatabase.ConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }
}
