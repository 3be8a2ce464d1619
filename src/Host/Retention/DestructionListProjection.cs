using JasperFx.Events;
using Marten.Events.Aggregation;
using Participation.Domain.Retention;

namespace Participation.Host.Retention;

/// <summary>
/// A destruction list as one document, kept inline from its stream (the pure <see cref="DestructionList.Evolve"/>): what its
/// decisions read, what the API answers, and where a destroyed case's <c>410</c> finds its list. With the list's events it is
/// the declaration of destruction, kept for good.
/// </summary>
public sealed class DestructionListProjection : SingleStreamProjection<DestructionList, Guid>
{
    public DestructionListProjection()
    {
        foreach (var (type, _) in DestructionEventTypes.All) IncludeType(type);
    }

    public override DestructionList? Evolve(DestructionList? snapshot, Guid id, IEvent e)
    {
        var list = DestructionList.Evolve(snapshot, e.Data);
        list.Version = e.Version;
        return list;
    }
}
