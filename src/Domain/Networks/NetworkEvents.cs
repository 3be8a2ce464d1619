using Participation.Domain.Cases;

namespace Participation.Domain.Networks;

/// <summary>
/// A fact about one network, stored in its own stream in the tenant. Networks hold no personal data: no members'
/// names or contact details, only what the network is, where it is active and who hosts it.
/// </summary>
public interface INetworkEvent
{
    Stamp Stamp { get; }
}

/// <summary>
/// A network is on the tenant's map. <see cref="FromConnections"/>: registered for connections that named it before
/// networks had streams of their own, with what those connections said of it.
/// </summary>
public sealed record NetworkRegistered(
    Guid NetworkId, string Name, NetworkKind Kind, IReadOnlyList<Neighbourhood> ActiveIn, string? Description, string? Organisation,
    string RegisteredBy, DateTimeOffset RegisteredAt, bool FromConnections = false) : INetworkEvent
{
    Stamp INetworkEvent.Stamp => new(RegisteredBy, RegisteredAt);
}

/// <summary>What changed; a field left out (null) stayed as it was.</summary>
public sealed record NetworkUpdated(
    string? Name, NetworkKind? Kind, IReadOnlyList<Neighbourhood>? ActiveIn, string? Description, string? Organisation,
    string UpdatedBy, DateTimeOffset UpdatedAt) : INetworkEvent
{
    Stamp INetworkEvent.Stamp => new(UpdatedBy, UpdatedAt);
}

/// <summary>The network was a duplicate of <see cref="Into"/>: everything connected to it counts for that one from now on.</summary>
public sealed record NetworkMerged(Guid Into, string MergedBy, DateTimeOffset MergedAt) : INetworkEvent
{
    Stamp INetworkEvent.Stamp => new(MergedBy, MergedAt);
}

public sealed record NetworkRetired(string Reason, string RetiredBy, DateTimeOffset RetiredAt) : INetworkEvent
{
    Stamp INetworkEvent.Stamp => new(RetiredBy, RetiredAt);
}

public sealed record NetworkReactivated(string Reason, string ReactivatedBy, DateTimeOffset ReactivatedAt) : INetworkEvent
{
    Stamp INetworkEvent.Stamp => new(ReactivatedBy, ReactivatedAt);
}
