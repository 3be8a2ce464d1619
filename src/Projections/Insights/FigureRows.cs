using Npgsql;

namespace Participation.Projections.Insights;

/// <summary>
/// The figure rows one page of events changes (<see cref="InsightFigureTable"/>), read once, changed in memory and written
/// once (ADR 28). A change in quarter <c>q</c> needs row <c>q</c> (made from the row before it: its state carries over) and
/// changes the state of every later row of its neighbourhood and domain; so each neighbourhood and domain's rows are read
/// from the last one at or before the earliest quarter the page changes.
/// </summary>
public sealed class FigureRows
{
    private readonly Dictionary<InsightGroup, SortedList<int, FigureRow>> _rows = [];

    /// <summary>One row: the quarter's period counts and the state as of its end, by <see cref="FigureKey"/>.</summary>
    public sealed class FigureRow(string name, Dictionary<int, long> period, Dictionary<int, long> state)
    {
        public string Name { get; set; } = name;
        public Dictionary<int, long> Period { get; } = period;
        public Dictionary<int, long> State { get; } = state;
        public bool Changed { get; set; }
    }

    public static async Task<FigureRows> LoadAsync(NpgsqlConnection connection, string schema, string tenant,
        IReadOnlyDictionary<InsightGroup, int> since, CancellationToken cancellation)
    {
        var rows = new FigureRows();
        foreach (var group in since.Keys) rows._rows[group] = [];
        if (since.Count == 0) return rows;
        var table = $"{schema}.{InsightFigureTable.Name}";
        const string SameGroup = "(t.district, t.neighbourhood, t.domain) = (g.district, g.neighbourhood, g.domain)";
        await using var command = new NpgsqlCommand($"""
            select t.district, t.neighbourhood, t.domain, t.quarter, t.name, t.period, t.state
            from unnest($2::varchar[], $3::varchar[], $4::varchar[], $5::int[]) as g(district, neighbourhood, domain, since)
            join {table} as t on t.tenant_id = $1 and {SameGroup}
             and t.quarter >= coalesce((select max(p.quarter) from {table} as p where p.tenant_id = $1
                 and (p.district, p.neighbourhood, p.domain) = (g.district, g.neighbourhood, g.domain) and p.quarter <= g.since), g.since)
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = tenant });
        command.Parameters.Add(new NpgsqlParameter { Value = since.Keys.Select(g => g.District).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = since.Keys.Select(g => g.Neighbourhood).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = since.Keys.Select(g => g.Domain).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = since.Values.ToArray() });
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
        {
            var group = new InsightGroup(reader.GetString(0), reader.GetString(1), reader.GetString(2));
            rows._rows[group][reader.GetInt32(3)] = new FigureRow(reader.GetString(4), FigureCounts.Read(reader.GetFieldValue<int[]>(5)), FigureCounts.Read(reader.GetFieldValue<int[]>(6)));
        }
        return rows;
    }

    /// <summary>Adds a page's changes of one neighbourhood and domain, given in quarter order, under the name the latest case there was opened with.</summary>
    public void Apply(InsightGroup group, string name, IEnumerable<(int Quarter, Dictionary<int, long> Period, Dictionary<int, long> State)> changes)
    {
        var rows = _rows[group];
        foreach (var (quarter, period, state) in changes)
        {
            if (!rows.TryGetValue(quarter, out var row))
            {
                var before = rows.Keys.LastOrDefault(q => q < quarter, int.MinValue);
                rows[quarter] = row = new FigureRow(name, [], before == int.MinValue ? [] : new Dictionary<int, long>(rows[before].State));
            }
            row.Name = name;
            row.Changed = true;
            Add(row.Period, period);
            if (state.Count == 0) continue;
            foreach (var (_, later) in rows.Where(r => r.Key >= quarter))
            {
                Add(later.State, state);
                later.Changed = true;
            }
        }
    }

    /// <summary>The changed rows, as one upsert in the page's transaction.</summary>
    public InsightRowsWrite Write(string schema, string tenant) =>
        new($"{schema}.{InsightFigureTable.Name}", tenant,
            _rows.SelectMany(g => g.Value.Where(r => r.Value.Changed).Select(r => (g.Key, r.Key, r.Value))).ToList());

    private static void Add(Dictionary<int, long> counts, Dictionary<int, long> change)
    {
        foreach (var (key, count) in change)
        {
            var sum = counts.GetValueOrDefault(key) + count;
            if (sum == 0) counts.Remove(key);
            else counts[key] = sum;
        }
    }
}
