using Marten.Events.Aggregation;
using Participation.Domain.Cases;

namespace Participation.Projections;

/// <summary>
/// A read model kept per case stream from the events it declares: <see cref="Opens"/>, <see cref="On{TEvent}"/>
/// and, for a read model that follows the stream's version, <see cref="OnEveryOtherCaseEvent"/>. The async
/// daemon fetches only the declared events, and any other event (Marten hands an inline projection the whole
/// stream) passes by untouched, so an event type added later cannot break a projection that does not need it.
/// The decision state (<see cref="Case.Evolve"/>) alone fails on an event it does not know.
/// </summary>
public abstract class CaseStreamProjection<TDoc> : SingleStreamProjection<TDoc, Guid> where TDoc : class
{
    private readonly Dictionary<Type, Func<TDoc?, Guid, ICaseEvent, long, TDoc>> _handlers = [];

    /// <summary>The event types this projection is handed.</summary>
    public IReadOnlyCollection<Type> Handles => _handlers.Keys;

    /// <summary>The read model a case's first event starts.</summary>
    protected void Opens(Func<CaseOpened, TDoc> open) => Handle<CaseOpened>((_, _, opened, _) => open(opened));

    /// <summary>How an event of a case that exists changes the read model.</summary>
    protected void On<TEvent>(Action<TDoc, TEvent> change) where TEvent : ICaseEvent =>
        Handle<TEvent>((snapshot, id, e, version) =>
        {
            var doc = snapshot ?? throw new InvalidOperationException(
                $"Case {id} has {typeof(TEvent).Name} at version {version} before {nameof(CaseOpened)}.");
            change(doc, e);
            return doc;
        });

    /// <summary>Declares every case event not handled so far, to change nothing but what <see cref="Applied"/> does.</summary>
    protected void OnEveryOtherCaseEvent()
    {
        foreach (var type in CaseEventTypes.All.Select(t => t.Type).Where(t => !_handlers.ContainsKey(t)))
            Declare(type, (snapshot, id, e, version) => snapshot ?? throw new InvalidOperationException(
                $"Case {id} has {e.GetType().Name} at version {version} before {nameof(CaseOpened)}."));
    }

    /// <summary>Runs after every handled event, e.g. to keep the version it reflects.</summary>
    protected virtual void Applied(TDoc doc, ICaseEvent e, long version)
    {
    }

    /// <summary>
    /// One step of the fold: a projection overrides Marten's <c>Evolve</c> (or, to see a whole slice at once,
    /// <c>DetermineActionAsync</c>; Marten allows one of them) with this. Replays that read nothing but an event's data and
    /// version call it directly.
    /// </summary>
    public TDoc? Apply(TDoc? snapshot, Guid id, object data, long version)
    {
        if (!_handlers.TryGetValue(data.GetType(), out var apply)) return snapshot;
        var e = (ICaseEvent)data;
        var doc = apply(snapshot, id, e, version);
        Applied(doc, e, version);
        return doc;
    }

    private void Handle<TEvent>(Func<TDoc?, Guid, TEvent, long, TDoc> apply) where TEvent : ICaseEvent =>
        Declare(typeof(TEvent), (snapshot, id, e, version) => apply(snapshot, id, (TEvent)e, version));

    private void Declare(Type type, Func<TDoc?, Guid, ICaseEvent, long, TDoc> apply)
    {
        _handlers.Add(type, apply);
        IncludeType(type);
    }
}
