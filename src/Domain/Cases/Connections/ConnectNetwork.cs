namespace Participation.Domain.Cases.Connections;

public sealed record ConnectNetwork(Network Network, IReadOnlyList<Guid> ParticipantIds, string Purpose)
{
    public IReadOnlyList<ICaseEvent> Decide(Case state, Guid connectionId, Stamp stamp)
    {
        var validation = new CommandValidation()
            .Check(Network is not null, "network", "is required")
            .Ids("participantIds", ParticipantIds, atLeastOne: false)
            .Text("purpose", Purpose, CommandValidation.LongText);
        if (Network is not null)
            validation.Text("network.name", Network.Name).Defined("network.kind", Network.Kind);
        validation.ThrowIfInvalid();
        state.EnsureOpen();
        state.EnsureActiveParticipants(ParticipantIds);

        var network = Network! with { Name = Network.Name.Trim() };
        return [new NetworkConnected(connectionId, network, ParticipantIds.Distinct().ToArray(), Purpose, stamp.By, stamp.At)];
    }
}
