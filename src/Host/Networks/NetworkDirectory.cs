using Marten;
using Participation.Domain.Cases;
using Participation.Domain.Networks;
using Participation.Domain.Networks.Registering;
using Participation.Projections.Networks;

namespace Participation.Host.Networks;

/// <summary>
/// Finds the tenant's networks by id or by name and kind. A network is registered (a stream of its own, its state inline
/// and so current within the command's transaction) or only named by connections stored before networks had streams: those
/// are known to the map's read model under the id their name and kind stand for (ADR 25), and are registered from what
/// their connections said as soon as a command changes them.
/// </summary>
public static class NetworkDirectory
{
    /// <summary>The network that holds this name and kind in the tenant, registered or only named by connections.</summary>
    public static async Task<Guid?> ClaimedByAsync(IQuerySession session, string name, NetworkKind kind, CancellationToken cancellation)
    {
        var claim = NetworkNames.Claim(name, kind);
        var registered = await session.Query<NetworkState>().Where(x => x.Claim == claim).Select(x => x.Id).ToListAsync(cancellation);
        if (registered.Count > 0) return registered[0];
        return await UnregisteredAsync(session, NetworkNames.DerivedId(session.TenantId, name, kind), cancellation) is { Status: not NetworkStatus.Merged } named
               && NetworkNames.Claim(named.Name, named.Kind) == claim ? named.Id : null;
    }

    /// <summary>The network with this id, registered or only named by connections (then as those named it, active); null if the tenant has none.</summary>
    public static async Task<NetworkState?> FindAsync(IQuerySession session, Guid id, CancellationToken cancellation) =>
        await session.LoadAsync<NetworkState>(id, cancellation)
        ?? (await UnregisteredAsync(session, id, cancellation) is { } named ? new NetworkState { Id = id, Name = named.Name, Kind = named.Kind } : null);

    /// <summary>
    /// The network a case connects to by name and kind: the one that holds them, the one a merged network of that name was
    /// merged into, or a new one, registered in the command's own transaction, active in the case's neighbourhood.
    /// </summary>
    public static async Task<NetworkState> ForConnectionAsync(IDocumentSession session, Network named, Neighbourhood neighbourhood, Stamp stamp,
        CancellationToken cancellation)
    {
        if (await ClaimedByAsync(session, named.Name, named.Kind, cancellation) is { } claimed)
            return (await FindAsync(session, claimed, cancellation))!;
        var derived = NetworkNames.DerivedId(session.TenantId, named.Name, named.Kind);
        var holder = await session.LoadAsync<NetworkState>(derived, cancellation);
        if (holder is { Status: NetworkStatus.Merged, MergedInto: { } into } && await FindAsync(session, into, cancellation) is { } target) return target;

        // The derived id is taken by a network renamed since; a new one gets an id of its own.
        var id = holder is null ? derived : Guid.CreateVersion7();
        var registered = new RegisterNetwork(named.Name, named.Kind, [neighbourhood]).Decide(id, stamp);
        session.Events.StartStream<NetworkState>(id, registered);
        return NetworkState.Evolve(null, registered);
    }

    /// <summary>The id a new network of this name and kind gets: the one they stand for, unless a renamed network holds it.</summary>
    public static async Task<Guid> NewIdAsync(IQuerySession session, string name, NetworkKind kind, CancellationToken cancellation)
    {
        var derived = NetworkNames.DerivedId(session.TenantId, name, kind);
        return await session.Events.FetchStreamStateAsync(derived, cancellation) is null ? derived : Guid.CreateVersion7();
    }

    /// <summary>
    /// The registration of a network only connections have named, from what they said: its name and kind, active in the
    /// neighbourhoods of its cases. Null when the tenant has no such network.
    /// </summary>
    public static async Task<NetworkRegistered?> RegistrationOfUnregisteredAsync(IQuerySession session, Guid id, Stamp stamp, CancellationToken cancellation)
    {
        if (await UnregisteredAsync(session, id, cancellation) is not { } named) return null;
        var cases = await session.LoadAsync<NetworkCases>(id, cancellation);
        var activeIn = (cases?.Cases ?? []).Select(c => c.Facts.Neighbourhood).DistinctBy(n => n.Code).OrderBy(n => n.Code, StringComparer.Ordinal).ToArray();
        return new NetworkRegistered(id, named.Name, named.Kind, activeIn, null, null, stamp.By, stamp.At, FromConnections: true);
    }

    private static async Task<NetworkSummary?> UnregisteredAsync(IQuerySession session, Guid id, CancellationToken cancellation) =>
        await session.LoadAsync<NetworkSummary>(id, cancellation) is { Registered: false } named ? named : null;
}
