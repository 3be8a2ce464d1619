using Marten;

namespace Participation.Projections.Rows;

/// <summary>
/// What one batch of events (a command's, or a page of a rebuild) writes to the rows it keeps, each row written once:
/// a row the batch inserts takes the batch's later changes in memory before it is inserted; a row that existed
/// before gets all of them in one <see cref="RowUpdate"/>. Nothing is read first (ADR 18, ADR 22). A batch
/// <see cref="InMemory"/> holds a whole stream's rows, folded from its first event, for a rebuild to copy (ADR 38).
/// </summary>
public sealed class RowBatch
{
    private readonly IDocumentOperations? _operations;
    private readonly Dictionary<(Type, Guid), object> _inserted = [];
    private readonly Dictionary<(Type, Guid), RowUpdate> _updated = [];
    private readonly List<Action> _writes = [];

    public RowBatch(IDocumentOperations operations) => _operations = operations;

    private RowBatch()
    {
    }

    /// <summary>A batch that writes nothing: every row a stream's events insert, with the changes of its later events.</summary>
    public static RowBatch InMemory() => new();

    /// <summary>The rows inserted, in the order they were inserted, with their ids.</summary>
    public IEnumerable<(Guid Id, object Row)> Inserted => _inserted.Select(row => (row.Key.Item2, row.Value));

    public void Insert<TRow>(Guid id, TRow row) where TRow : class
    {
        _inserted.Add((typeof(TRow), id), row);
        if (_operations is { } operations) _writes.Add(() => operations.Insert(row));
    }

    /// <summary>The change of the row <paramref name="id"/> of <typeparamref name="TRow"/> this batch makes.</summary>
    public RowChange<TRow> Change<TRow>(Guid id) where TRow : class
    {
        var key = (typeof(TRow), id);
        if (_inserted.TryGetValue(key, out var row)) return new RowChange<TRow>(row, null);
        var operations = _operations ?? throw new InvalidOperationException(
            $"{typeof(TRow).Name} {id} is changed before it was inserted: a stream folded in memory starts at its first event.");
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
