using JasperFx.Events;
using Marten;
using Participation.Domain.Cases;
using Participation.Domain.Networks;
using Participation.Host.Http;

namespace Participation.Host.Networks;

/// <summary>The answer to a network command: the network's new version (also sent as <c>ETag</c>).</summary>
public sealed record NetworkChanged(long Version);

public static class NetworkStreams
{
    /// <summary>
    /// The network's state before the command decides. A network only connections have named is registered first, in the
    /// same stream and transaction, so its history starts with what those connections said of it. Unknown: 404.
    /// </summary>
    public static async Task<NetworkState> CurrentAsync(this IEventStream<NetworkState> stream, IQuerySession session, Stamp stamp,
        CancellationToken cancellation)
    {
        if (stream.Aggregate is { } state) return state;
        var registered = await NetworkDirectory.RegistrationOfUnregisteredAsync(session, stream.Id, stamp, cancellation)
                         ?? throw new ResourceNotFound($"Unknown network {stream.Id}.");
        stream.AppendOne(registered);
        return NetworkState.Evolve(null, registered);
    }

    /// <summary>Appends what the command decided and answers the network's version after it.</summary>
    public static NetworkChanged Append(this IEventStream<NetworkState> stream, IReadOnlyList<INetworkEvent> events)
    {
        stream.AppendMany(events);
        return new NetworkChanged(stream.CurrentVersion ?? stream.StartingVersion ?? 0);
    }
}
