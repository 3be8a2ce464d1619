using Participation.Domain.Cases;

namespace Participation.Domain.Networks;

/// <summary>The state a network's decisions need, folded from its stream.</summary>
public sealed record NetworkState
{
    public Guid Id { get; init; }

    /// <summary>The stream version this state reflects; kept by the event store.</summary>
    public long Version { get; set; }

    public string Name { get; init; } = "";
    public NetworkKind Kind { get; init; }
    public IReadOnlyList<Neighbourhood> ActiveIn { get; init; } = [];
    public string? Description { get; init; }
    public string? Organisation { get; init; }
    public NetworkStatus Status { get; init; }
    public Guid? MergedInto { get; init; }

    /// <summary>The name and kind this network holds in its tenant (<see cref="NetworkNames.Claim"/>); a merged one holds none.</summary>
    public string? Claim => Status == NetworkStatus.Merged ? null : NetworkNames.Claim(Name, Kind);

    public static NetworkState Evolve(NetworkState? state, object @event) => @event switch
    {
        NetworkRegistered e when state is null => new NetworkState
        {
            Id = e.NetworkId, Name = e.Name, Kind = e.Kind, ActiveIn = e.ActiveIn, Description = e.Description, Organisation = e.Organisation,
            Status = NetworkStatus.Active,
        },
        NetworkRegistered => throw new InvalidOperationException($"Network {state!.Id} was already registered."),
        _ when state is null => throw new InvalidOperationException(
            $"{@event.GetType().Name} cannot start a network stream; the first event must be {nameof(NetworkRegistered)}."),
        NetworkUpdated e => state with
        {
            Name = e.Name ?? state.Name, Kind = e.Kind ?? state.Kind, ActiveIn = e.ActiveIn ?? state.ActiveIn,
            Description = e.Description ?? state.Description, Organisation = e.Organisation ?? state.Organisation,
        },
        NetworkMerged e => state with { Status = NetworkStatus.Merged, MergedInto = e.Into },
        NetworkRetired => state with { Status = NetworkStatus.Retired },
        NetworkReactivated => state with { Status = NetworkStatus.Active },
        _ => throw new InvalidOperationException($"Unknown network event {@event.GetType().Name}."),
    };
}
