using JasperFx.Events;
using Marten.Events.Aggregation;
using Participation.Domain.Cases;

namespace Participation.Projections.Cases;

/// <summary>
/// Keeps the decision state of each case as an inline snapshot, so a command loads one row
/// instead of replaying the stream. Domain stays free of Marten: this only calls the pure Evolve.
/// </summary>
public sealed class CaseStateProjection : SingleStreamProjection<Case, Guid>
{
    /// <summary>Raised when what the fold keeps changes: nodes then build the new version beside the old (ADR 39).</summary>
    public const int ReadModelVersion = 1;

    /// <summary>
    /// Only the case events: a rebuild then never reads the store's own events, such as the tombstones Marten writes
    /// in a stream of its own for the sequence numbers of an append whose transaction rolled back.
    /// </summary>
    public CaseStateProjection()
    {
        foreach (var type in CaseEventTypes.All) IncludeType(type.Type);
    }

    public override Case? Evolve(Case? snapshot, Guid id, IEvent e) => Fold(snapshot, e.Data, e.Version);

    /// <summary>One step of the fold from an event's data and version alone, as a rebuild that folds stream by stream calls it.</summary>
    public static Case? Fold(Case? snapshot, object data, long version)
    {
        // The declared types are a filter for the daemon's reads; whatever else reaches the fold passes by untouched.
        if (data is not ICaseEvent) return snapshot;
        var state = Case.Evolve(snapshot, data);
        state.Version = version;
        return state;
    }
}
