using JasperFx.Events;
using Marten.Events.Aggregation;
using Participation.Domain.Networks;

namespace Participation.Projections.Networks;

/// <summary>The decision state of each network, kept inline: a command loads one row, and the claim of its name is unique in the tenant.</summary>
public sealed class NetworkStateProjection : SingleStreamProjection<NetworkState, Guid>
{
    public NetworkStateProjection()
    {
        foreach (var (type, _) in NetworkEventTypes.All) IncludeType(type);
    }

    public override NetworkState? Evolve(NetworkState? snapshot, Guid id, IEvent e)
    {
        if (e.Data is not INetworkEvent) return snapshot;
        var state = NetworkState.Evolve(snapshot, e.Data);
        state.Version = e.Version;
        return state;
    }
}
