using System.Text;
using Marten;

namespace Participation.Projections.Rows;

/// <summary>
/// The changes one batch makes to a row that existed before it, merged per property (a later set wins, increments add
/// up), written as one plain UPDATE: <c>jsonb_set</c> per property, the duplicated columns a change touches in the same
/// statement (Marten's patch runs a PL/pgSQL function and sends a second UPDATE for duplicated columns; ADR 22).
/// </summary>
internal sealed class RowUpdate(RowTable table, Guid id)
{
    private readonly Dictionary<string, (MemberPath Path, bool Increment, object? Value)> _changes = [];

    public void Set(MemberPath path, object? value) => _changes[path.Key] = (path, false, value);

    public void Increment(MemberPath path, int by) =>
        _changes[path.Key] = _changes.TryGetValue(path.Key, out var earlier)
            ? earlier with { Value = (int)earlier.Value! + by }
            : (path, true, by);

    public void Queue(IDocumentOperations operations)
    {
        var data = new StringBuilder("d.data");
        var columns = new StringBuilder();
        var dataParameters = new List<object?>();
        var columnParameters = new List<object?>();
        foreach (var (path, increment, value) in _changes.Values)
        {
            var jsonPath = path.JsonPath(table.Casing);
            if (increment)
            {
                data.Insert(0, "jsonb_set(").Append($", '{jsonPath}', to_jsonb(coalesce((d.data #>> '{jsonPath}')::int, 0) + ?))");
                dataParameters.Add(value);
                if (table.DuplicatedColumnOf(path) is { } column)
                    throw new InvalidOperationException($"{table.Name}.{column.ColumnName} is duplicated from {path.Key}, which can only be set");
                continue;
            }
            var json = table.Serializer.ToCleanJson(value);
            data.Insert(0, "jsonb_set(").Append($", '{jsonPath}', ?::jsonb)");
            dataParameters.Add(json);
            if (table.DuplicatedColumnOf(path) is { } duplicated)
            {
                // Converted from the JSON value the way Marten fills a duplicated column from the document.
                columns.Append($", {duplicated.ColumnName} = CAST(?::jsonb #>> '{{}}' as {duplicated.PgType})");
                columnParameters.Add(json);
            }
        }

        var sql = $"update {table.Name} as d set data = {data}, {table.Metadata}{columns} where d.id = ?";
        object?[] parameters = [.. dataParameters, .. columnParameters, id];
        if (table.IsConjoined)
        {
            sql += " and d.tenant_id = ?";
            parameters = [.. parameters, operations.TenantId];
        }
        operations.QueueSqlCommand(sql, parameters!);
    }
}
