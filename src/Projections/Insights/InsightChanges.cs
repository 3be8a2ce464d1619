using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Marten;
using Marten.Internal.Operations;
using Weasel.Core;
using Weasel.Postgresql;
using Weasel.Storage;
using ICommandBuilder = Weasel.Postgresql.ICommandBuilder;
using IStorageOperation = Marten.Internal.Operations.IStorageOperation;

namespace Participation.Projections.Insights;

/// <summary>
/// The figure changes of one batch of the daemon, summed per neighbourhood, domain and quarter and written by three
/// statements (ADR 28): a row for every quarter that changes, its state carried over from the row before it; the period
/// changes added to their quarter's row; each state change added to its quarter's row and every later one of the same
/// neighbourhood and domain. Once Marten has written the statements, a later change of the batch starts another.
/// </summary>
public sealed class InsightChanges : IStorageOperation
{
    private static readonly ConditionalWeakTable<IDocumentOperations, InsightChanges> Open = new();
    private readonly Dictionary<(InsightGroup Group, int Quarter), (Dictionary<string, long> Period, Dictionary<string, long> State)> _rows = new();
    private readonly Dictionary<InsightGroup, string> _names = new();
    private readonly string _schema;
    private readonly string _tenant;
    private bool _written;

    private InsightChanges(string schema, string tenant) => (_schema, _tenant) = (schema, tenant);

    public static void Queue(IDocumentOperations operations, string schema, InsightGroup group, string name, IReadOnlyList<InsightCell> change)
    {
        if (change.Count == 0) return;
        lock (Open)
        {
            if (Open.TryGetValue(operations, out var open) && open.TryAdd(group, name, change)) return;
            var changes = new InsightChanges(schema, operations.TenantId);
            changes.TryAdd(group, name, change);
            Open.AddOrUpdate(operations, changes);
            operations.QueueOperation(changes);
        }
    }

    private bool TryAdd(InsightGroup group, string name, IReadOnlyList<InsightCell> change)
    {
        lock (_rows)
        {
            if (_written) return false;
            _names[group] = name;
            foreach (var cell in change)
            {
                if (!_rows.TryGetValue((group, cell.Quarter), out var row)) _rows[(group, cell.Quarter)] = row = ([], []);
                var counts = cell.Key.Figure.IsState() ? row.State : row.Period;
                var key = cell.Key.ToString();
                counts[key] = counts.GetValueOrDefault(key) + cell.Count;
            }
            return true;
        }
    }

    public void ConfigureCommand(ICommandBuilder builder, IStorageSession session)
    {
        List<(InsightGroup Group, int Quarter, string Period, string State, int Until)> rows;
        lock (_rows)
        {
            _written = true;
            rows = _rows.GroupBy(r => r.Key.Group).SelectMany(Cumulative).ToList();
        }
        var table = $"{_schema}.{InsightFigureTable.Name}";
        var add = $"{_schema}.{InsightFigureTable.AddFunction}";
        const string Changes = "unnest(?::varchar[], ?::varchar[], ?::varchar[], ?::int[], ?::varchar[], ?::jsonb[], ?::jsonb[], ?::int[]) " +
                               "as c(district, neighbourhood, domain, quarter, name, period, state, until)";
        const string SameRow = "(t.district, t.neighbourhood, t.domain) = (c.district, c.neighbourhood, c.domain)";

        Statement(builder, rows, $"""
            insert into {table} as t (tenant_id, district, neighbourhood, domain, quarter, name, period, state)
            select ?, c.district, c.neighbourhood, c.domain, c.quarter, c.name, '{"{}"}'::jsonb,
              coalesce((select t.state from {table} as t where t.tenant_id = ? and {SameRow} and t.quarter < c.quarter
                        order by t.quarter desc limit 1), '{"{}"}'::jsonb)
            from {Changes}
            on conflict (tenant_id, district, neighbourhood, domain, quarter) do update set name = excluded.name
            """, prefix: 2);
        builder.StartNewCommand();
        Statement(builder, rows, $"""
            update {table} as t set period = {add}(t.period, c.period)
            from {Changes}
            where t.tenant_id = ? and {SameRow} and t.quarter = c.quarter
            """, prefix: 0);
        builder.StartNewCommand();
        Statement(builder, rows, $"""
            update {table} as t set state = {add}(t.state, c.state)
            from {Changes}
            where t.tenant_id = ? and {SameRow} and t.quarter >= c.quarter and t.quarter < c.until
            """, prefix: 0);
    }

    /// <summary>
    /// A group's changes in quarter order, each state change summed with the ones before it: the change a row of that
    /// quarter, up to the next change's quarter, takes.
    /// </summary>
    private static IEnumerable<(InsightGroup, int, string, string, int)> Cumulative(
        IGrouping<InsightGroup, KeyValuePair<(InsightGroup Group, int Quarter), (Dictionary<string, long> Period, Dictionary<string, long> State)>> group)
    {
        var ordered = group.OrderBy(r => r.Key.Quarter).ToList();
        var state = new Dictionary<string, long>();
        for (var i = 0; i < ordered.Count; i++)
        {
            foreach (var (key, count) in ordered[i].Value.State) state[key] = state.GetValueOrDefault(key) + count;
            var until = i + 1 < ordered.Count ? ordered[i + 1].Key.Quarter : int.MaxValue;
            yield return (group.Key, ordered[i].Key.Quarter, Json(ordered[i].Value.Period), Json(state), until);
        }
    }

    private static string Json(Dictionary<string, long> counts) => JsonSerializer.Serialize(counts.Where(c => c.Value != 0).ToDictionary());

    // prefix: how many tenant parameters come before the changes (the insert's select list and subquery name the tenant first).
    private void Statement(ICommandBuilder builder, List<(InsightGroup Group, int Quarter, string Period, string State, int Until)> rows, string sql, int prefix)
    {
        var parameters = builder.AppendWithParameters(sql, '?');
        object[] changes =
        [
            rows.Select(r => r.Group.District).ToArray(), rows.Select(r => r.Group.Neighbourhood).ToArray(), rows.Select(r => r.Group.Domain).ToArray(),
            rows.Select(r => r.Quarter).ToArray(), rows.Select(r => _names[r.Group]).ToArray(), rows.Select(r => r.Period).ToArray(),
            rows.Select(r => r.State).ToArray(), rows.Select(r => r.Until).ToArray(),
        ];
        object[] values = prefix == 2 ? [_tenant, _tenant, .. changes] : [.. changes, _tenant];
        for (var i = 0; i < values.Length; i++)
        {
            // Typed as Marten types a queued SQL command's values (its builder's parameters start as text).
            if (PostgresqlProvider.Instance.TryGetDbType(values[i].GetType()) is { } type) parameters[i].NpgsqlDbType = type;
            parameters[i].Value = values[i];
        }
    }

    // As Marten's own SQL operations: no document storage to ensure.
    public Type DocumentType => typeof(Marten.Storage.StorageFeatures);

    public Task PostprocessAsync(DbDataReader reader, IList<Exception> exceptions, CancellationToken token) => Task.CompletedTask;

    public OperationRole Role() => OperationRole.Other;
}

/// <summary>Where a case's figures count: its neighbourhood (by district and code) and programme domain.</summary>
public sealed record InsightGroup(string District, string Neighbourhood, string Domain);
