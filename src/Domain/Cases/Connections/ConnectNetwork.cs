using Participation.Domain.Networks;

namespace Participation.Domain.Cases.Connections;

/// <summary>Connects the case to a network: one of the tenant's by <see cref="NetworkId"/>, or by <see cref="Network"/>'s name and kind.</summary>
public sealed record ConnectNetwork(IReadOnlyList<Guid> ParticipantIds, string Purpose, Network? Network = null, Guid? NetworkId = null)
{
    /// <summary>Whether the fields are valid, before the network they name is looked up.</summary>
    public ConnectNetwork Validated()
    {
        var validation = new CommandValidation()
            .Check((Network is null) != (NetworkId is null), "networkId", "or network is required, not both")
            .Id("networkId", NetworkId)
            .Ids("participantIds", ParticipantIds, atLeastOne: false)
            .Text("purpose", Purpose, CommandValidation.LongText);
        if (Network is not null)
            validation.Text("network.name", Network.Name).Defined("network.kind", Network.Kind);
        validation.ThrowIfInvalid();
        return this;
    }

    public IReadOnlyList<ICaseEvent> Decide(Case state, Guid connectionId, NetworkState network, Stamp stamp)
    {
        Validated();
        state.EnsureOpen();
        state.EnsureActiveParticipants(ParticipantIds);
        network.EnsureActive();
        return [new NetworkConnected(connectionId, new Network(network.Name, network.Kind), ParticipantIds.Distinct().ToArray(), Purpose,
            stamp.By, stamp.At, network.Id)];
    }
}
