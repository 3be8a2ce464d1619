namespace Participation.Bench;

/// <summary>pg_stat_statements, when the server preloads it (bench/run.sh does so for the embedded cluster).</summary>
public sealed class Statements(string connectionString)
{
    public sealed record Row(long Calls, double TotalMs, double MeanMs, long Rows, string Query);

    private bool? available;

    public async Task<bool> Available()
    {
        if (available is { } known) return known;
        try
        {
            await Tools.Sql(connectionString, "create extension if not exists pg_stat_statements");
            await Tools.Scalar<long>(connectionString, "select count(*) from pg_stat_statements");
            available = true;
        }
        catch (Npgsql.PostgresException)
        {
            available = false;
        }
        return available.Value;
    }

    public async Task Reset()
    {
        if (await Available()) await Tools.Sql(connectionString, "select pg_stat_statements_reset()");
    }

    /// <param name="matching">A regular expression the statement must match (e.g. the tables of one feature), or null for all.</param>
    public async Task<IReadOnlyList<Row>> Top(int count, string? matching = null)
    {
        if (!await Available()) return [];
        await using var connection = new Npgsql.NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(
            "select calls, total_exec_time, mean_exec_time, rows, regexp_replace(query, '\\s+', ' ', 'g') from pg_stat_statements " +
            "where dbid = (select oid from pg_database where datname = current_database()) and query not like '%bench_raw.%' and query not like '%pg_stat_statements%' and query ~ $2 order by total_exec_time desc limit $1", connection)
        {
            Parameters = { new() { Value = count }, new() { Value = matching ?? "" } },
        };
        var rows = new List<Row>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            rows.Add(new Row(reader.GetInt64(0), reader.GetDouble(1), reader.GetDouble(2), reader.GetInt64(3), reader.GetString(4)));
        return rows;
    }
}
