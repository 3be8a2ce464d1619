using JasperFx.Events;
using Marten;
using Marten.Events.Projections;
using Marten.Patching;
using Participation.Domain.Cases;

namespace Participation.Projections;

/// <summary>
/// A read model kept per case stream by writing only what each event changes: the case's own row
/// (<typeparamref name="THead"/>) is inserted by <see cref="Opens"/> and patched by every later event with the
/// version and moment it reflects (plus what the event changes), and a new list entry is one insert of a row of
/// its own. Nothing is loaded first, so a command costs the same on a case with two contact moments as on one
/// with two hundred (ADR 18). Events are declared as for <see cref="CaseStreamProjection{TDoc}"/>, with the same
/// promise: any other event passes by untouched.
/// </summary>
public abstract class CaseRowProjection<THead> : EventProjection where THead : class
{
    private readonly Dictionary<Type, Action<IDocumentOperations, IEvent>> _handlers = [];

    protected CaseRowProjection() => RegisterPublishedType(typeof(THead));

    /// <summary>The event types this projection is handed.</summary>
    public IReadOnlyCollection<Type> Handles => _handlers.Keys;

    /// <summary>What one event writes: new rows through <see cref="Operations"/>, changed fields of the case's row through <see cref="Head"/>.</summary>
    public sealed class Write(IDocumentOperations operations, IEvent e, IPatchExpression<THead> head)
    {
        public IDocumentOperations Operations => operations;
        public Guid CaseId => e.StreamId;

        /// <summary>The stream version of the event: the order of a case's list entries.</summary>
        public long Version => e.Version;

        /// <summary>The patch of the case's row this event makes, already carrying its version and moment.</summary>
        public IPatchExpression<THead> Head => head;
    }

    /// <summary>The row a case's first event inserts.</summary>
    protected void Opens(Func<CaseOpened, long, THead> open) =>
        Declare(typeof(CaseOpened), (operations, e) => operations.Insert(open((CaseOpened)e.Data, e.Version)));

    /// <summary>What an event of a case that exists writes.</summary>
    protected void On<TEvent>(Action<Write, TEvent> change) where TEvent : ICaseEvent =>
        Declare(typeof(TEvent), (operations, e) => change(new Write(operations, e, StampedHead(operations, e)), (TEvent)e.Data));

    /// <summary>Declares every case event not handled so far, to write nothing but the version and moment on the case's row.</summary>
    protected void OnEveryOtherCaseEvent()
    {
        foreach (var type in CaseEventTypes.All.Select(t => t.Type).Where(t => !_handlers.ContainsKey(t)))
            Declare(type, (operations, e) => StampedHead(operations, e));
    }

    /// <summary>Sets the version and moment the case's row reflects on its patch.</summary>
    protected abstract void SetVersion(IPatchExpression<THead> head, long version, DateTimeOffset at);

    /// <summary>Row types this projection writes besides <typeparamref name="THead"/>: a rebuild deletes them all first.</summary>
    protected void Writes<TRow>() => RegisterPublishedType(typeof(TRow));

    public sealed override ValueTask ApplyAsync(IDocumentOperations operations, IEvent e, CancellationToken cancellation)
    {
        if (_handlers.TryGetValue(e.Data.GetType(), out var apply)) apply(operations, e);
        return ValueTask.CompletedTask;
    }

    private IPatchExpression<THead> StampedHead(IDocumentOperations operations, IEvent e)
    {
        var head = operations.Patch<THead>(e.StreamId);
        SetVersion(head, e.Version, ((ICaseEvent)e.Data).Stamp.At);
        return head;
    }

    private void Declare(Type type, Action<IDocumentOperations, IEvent> apply)
    {
        _handlers.Add(type, apply);
        IncludeType(type);
    }
}
