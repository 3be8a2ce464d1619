using Npgsql;
using Participation.Host.Tests.Support;

namespace Participation.Host.Tests.Retention;

/// <summary>
/// Every row of every table of a schema that holds an id anywhere in a text, jsonb or uuid column (<c>information_schema</c>),
/// by table, except the rows a declaration of destruction keeps on purpose.
/// </summary>
public static class OwnRows
{
    public static async Task<Dictionary<string, long>> Naming(string schema, Guid id, IReadOnlyDictionary<string, string> except)
    {
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        await connection.OpenAsync();
        var columns = new List<(string Table, string Column)>();
        await using (var command = new NpgsqlCommand(
            "select table_name, column_name from information_schema.columns c where table_schema = $1 " +
            "and data_type in ('text', 'character varying', 'jsonb', 'json', 'uuid', 'character') " +
            "and exists (select 1 from information_schema.tables t where t.table_schema = c.table_schema and t.table_name = c.table_name and t.table_type = 'BASE TABLE') " +
            "order by table_name, ordinal_position", connection))
        {
            command.Parameters.AddWithValue(schema);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync()) columns.Add((reader.GetString(0), reader.GetString(1)));
        }
        var found = new Dictionary<string, long>();
        foreach (var table in columns.GroupBy(c => c.Table))
        {
            var naming = string.Join(" or ", table.Select(c => $"\"{c.Column}\"::text ilike $1"));
            var excepted = except.TryGetValue(table.Key, out var rule) ? $" and not ({rule})" : "";
            await using var count = new NpgsqlCommand($"select count(*) from {schema}.\"{table.Key}\" where ({naming}){excepted}", connection);
            count.Parameters.AddWithValue($"%{id}%");
            if ((long)(await count.ExecuteScalarAsync())! is > 0 and var rows) found[table.Key] = rows;
        }
        return found;
    }
}
