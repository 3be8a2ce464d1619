using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;
using Marten.Events.Projections;
using Participation.Domain.Cases;
using Participation.Projections.Rows;

namespace Participation.Projections;

/// <summary>
/// A read model kept per case stream by writing only what events change: the case's own row
/// (<typeparamref name="THead"/>) is inserted by <see cref="Opens"/> and changed by every later event with the
/// version and moment it reflects (plus what the event changes), and a new list entry is one insert of a row of
/// its own. Nothing is loaded first, so a command costs the same on a case with two contact moments as on one
/// with two hundred (ADR 18). It is handed a whole batch of events at once (a command's, or a page of a rebuild) and
/// writes each row once per batch (<see cref="RowBatch"/>, ADR 22). Events are declared as for
/// <see cref="CaseStreamProjection{TDoc}"/>, with the same promise: any other event passes by untouched.
/// </summary>
public abstract class CaseRowProjection<THead> : ProjectionBase, IProjection where THead : class
{
    private readonly Dictionary<Type, Action<RowBatch, IEvent>> _handlers = [];
    private readonly List<Type> _rows = [];

    protected CaseRowProjection() => Writes<THead>();

    /// <summary>The event types this projection is handed.</summary>
    public IReadOnlyCollection<Type> Handles => _handlers.Keys;

    /// <summary>The row types it writes, the case's own first.</summary>
    public IReadOnlyList<Type> Rows => _rows;

    /// <summary>What one event writes: new rows through <see cref="Add{TRow}"/>, changed fields through <see cref="Head"/> and <see cref="Change{TRow}"/>.</summary>
    public sealed class Write(RowBatch rows, IEvent e, RowChange<THead> head)
    {
        public Guid CaseId => e.StreamId;

        /// <summary>The stream version of the event: the order of a case's list entries.</summary>
        public long Version => e.Version;

        /// <summary>The change of the case's row this event makes, already carrying its version and moment.</summary>
        public RowChange<THead> Head => head;

        public void Add<TRow>(Guid id, TRow row) where TRow : class => rows.Insert(id, row);

        public RowChange<TRow> Change<TRow>(Guid id) where TRow : class => rows.Change<TRow>(id);
    }

    /// <summary>The row a case's first event inserts, and what else it writes beside it.</summary>
    protected void Opens(Func<CaseOpened, long, THead> open, Action<Write, CaseOpened>? alongside = null) =>
        Declare(typeof(CaseOpened), (rows, e) =>
        {
            var opened = (CaseOpened)e.Data;
            rows.Insert(e.StreamId, open(opened, e.Version));
            alongside?.Invoke(new Write(rows, e, rows.Change<THead>(e.StreamId)), opened);
        });

    /// <summary>What an event of a case that exists writes.</summary>
    protected void On<TEvent>(Action<Write, TEvent> change) where TEvent : ICaseEvent =>
        Declare(typeof(TEvent), (rows, e) => change(new Write(rows, e, StampedHead(rows, e)), (TEvent)e.Data));

    /// <summary>Declares every case event not handled so far, to write nothing but the version and moment on the case's row.</summary>
    protected void OnEveryOtherCaseEvent()
    {
        foreach (var type in CaseEventTypes.All.Select(t => t.Type).Where(t => !_handlers.ContainsKey(t)))
            Declare(type, (rows, e) => StampedHead(rows, e));
    }

    /// <summary>Sets the version and moment the case's row reflects.</summary>
    protected abstract void SetVersion(RowChange<THead> head, long version, DateTimeOffset at);

    /// <summary>A row type this projection writes: a rebuild deletes its rows first.</summary>
    protected void Writes<TRow>()
    {
        _rows.Add(typeof(TRow));
        RegisterPublishedType(typeof(TRow));
        Options.DeleteViewTypeOnTeardown(typeof(TRow));
    }

    public Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        var rows = new RowBatch(operations);
        foreach (var e in events) Apply(rows, e);
        rows.Flush();
        return Task.CompletedTask;
    }

    /// <summary>What one event writes to the batch; any event not declared writes nothing.</summary>
    public void Apply(RowBatch rows, IEvent e)
    {
        if (_handlers.TryGetValue(e.Data.GetType(), out var apply)) apply(rows, e);
    }

    private RowChange<THead> StampedHead(RowBatch rows, IEvent e)
    {
        var head = rows.Change<THead>(e.StreamId);
        SetVersion(head, e.Version, ((ICaseEvent)e.Data).Stamp.At);
        return head;
    }

    private void Declare(Type type, Action<RowBatch, IEvent> apply)
    {
        _handlers.Add(type, apply);
        IncludeType(type);
    }
}
