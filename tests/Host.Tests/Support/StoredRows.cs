namespace Participation.Host.Tests.Support;

/// <summary>
/// Every row of document tables as stored, every column but when it was written (and Marten's default version, a new id at
/// every write), each line led by its table's name: to compare read models column by column with a rebuild's.
/// </summary>
public static class StoredRows
{
    public static async Task<List<string>> Of(string schema, IEnumerable<string> tables)
    {
        var rows = new List<string>();
        foreach (var table in tables)
        {
            var all = (string?)await Sql.ScalarAsync(
                $"select string_agg((to_jsonb(t) - 'mt_last_modified' - case when pg_typeof(t.mt_version) = 'uuid'::regtype then 'mt_version' else '' end " +
                // The decision state's recorded overdue follow-ups are a set, written in no particular order.
                "|| case when t.data ? 'overdueRecorded' then jsonb_build_object('data', jsonb_set(t.data, '{overdueRecorded}', " +
                "(select coalesce(jsonb_agg(x order by x), '[]') from jsonb_array_elements(t.data -> 'overdueRecorded') as x))) else '{}' end)::text, " +
                $"E'\\n' order by tenant_id, id) from {schema}.{table} as t");
            rows.AddRange((all ?? "").Split('\n').Select(row => $"{table} {row}"));
        }
        return rows;
    }

    /// <summary>The rows equal, or the first pair that differs in full (a collection's difference is cut short).</summary>
    public static void AssertSame(IReadOnlyList<string> expected, IReadOnlyList<string> actual)
    {
        var differing = expected.Zip(actual).FirstOrDefault(pair => pair.First != pair.Second);
        Assert.True(differing == default && expected.Count == actual.Count,
            $"{expected.Count} rows expected, {actual.Count} found; first difference:\nexpected {differing.First}\nfound    {differing.Second}");
    }
}
