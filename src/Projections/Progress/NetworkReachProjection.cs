using JasperFx.Events;
using Marten.Events.Projections;
using Participation.Domain.Cases;

namespace Participation.Projections.Progress;

/// <summary>
/// Gathers <see cref="NetworkConnected"/> events of all the tenant's case streams into one
/// <see cref="NetworkReach"/> per network. What the network reaches beyond the connection itself
/// (neighbourhoods, open agreements) is joined from <see cref="CaseProgress"/> when read.
/// </summary>
public sealed class NetworkReachProjection : MultiStreamProjection<NetworkReach, string>
{
    public const string ProjectionName = "NetworkReach";

    public NetworkReachProjection()
    {
        Name = ProjectionName;
        Identity<NetworkConnected>(e => NetworkKeys.Of(e.Network.Name));
        // Fetch only these events: without it a rebuild reads (and deserializes) every event of the store.
        IncludeType<NetworkConnected>();
    }

    public override NetworkReach? Evolve(NetworkReach? snapshot, string id, IEvent e)
    {
        // Only connections are declared above; anything else would pass by without touching the network.
        if (e.Data is not NetworkConnected connected) return snapshot;

        var reach = snapshot ?? new NetworkReach
        {
            Id = id, Name = connected.Network.Name, Kind = connected.Network.Kind, FirstConnectedAt = connected.ConnectedAt,
        };
        reach.Connections++;
        if (connected.ConnectedAt < reach.FirstConnectedAt) reach.FirstConnectedAt = connected.ConnectedAt;
        if (connected.ConnectedAt > reach.LastConnectedAt) reach.LastConnectedAt = connected.ConnectedAt;
        var caseId = e.StreamId;
        var index = reach.Cases.FindIndex(c => c.CaseId == caseId);
        if (index < 0) reach.Cases.Add(new NetworkCase(caseId, connected.ParticipantIds.Distinct().ToArray()));
        else reach.Cases[index] = reach.Cases[index] with
        {
            ParticipantIds = reach.Cases[index].ParticipantIds.Union(connected.ParticipantIds).ToArray(),
        };
        return reach;
    }
}
