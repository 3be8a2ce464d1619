using Marten;

namespace Participation.Projections.Rows;

/// <summary>
/// What one batch of events (a command's, or a page of a rebuild) writes to the rows it keeps, each row written once:
/// a row the batch inserts takes the batch's later changes in memory before it is inserted; a row that existed
/// before gets all of them in one <see cref="RowUpdate"/>. Nothing is read first (ADR 18, ADR 22).
/// </summary>
public sealed class RowBatch(IDocumentOperations operations)
{
    private readonly Dictionary<(Type, Guid), object> _inserted = [];
    private readonly Dictionary<(Type, Guid), RowUpdate> _updated = [];
    private readonly List<Action> _writes = [];

    public void Insert<TRow>(Guid id, TRow row) where TRow : class
    {
        _inserted.Add((typeof(TRow), id), row);
        _writes.Add(() => operations.Insert(row));
    }

    /// <summary>The change of the row <paramref name="id"/> of <typeparamref name="TRow"/> this batch makes.</summary>
    public RowChange<TRow> Change<TRow>(Guid id) where TRow : class
    {
        var key = (typeof(TRow), id);
        if (_inserted.TryGetValue(key, out var row)) return new RowChange<TRow>(row, null);
        if (!_updated.TryGetValue(key, out var update))
        {
            _updated[key] = update = new RowUpdate(RowTable.For(operations.DocumentStore, typeof(TRow)), id);
            _writes.Add(() => update.Queue(operations));
        }
        return new RowChange<TRow>(null, update);
    }

    /// <summary>Queues every write in the session, in the order the rows were first touched.</summary>
    public void Flush()
    {
        foreach (var write in _writes) write();
    }
}
