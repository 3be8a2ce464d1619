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
    public override Case? Evolve(Case? snapshot, Guid id, IEvent e)
    {
        var state = Case.Evolve(snapshot, e.Data);
        state.Version = e.Version;
        return state;
    }
}
