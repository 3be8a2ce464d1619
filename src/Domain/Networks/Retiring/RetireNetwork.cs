using Participation.Domain.Cases;

namespace Participation.Domain.Networks.Retiring;

/// <summary>The network stopped; it stays on the map with its history, and takes no new connections.</summary>
public sealed record RetireNetwork(string Reason)
{
    public IReadOnlyList<INetworkEvent> Decide(NetworkState state, Stamp stamp)
    {
        new CommandValidation().Text("reason", Reason, CommandValidation.LongText).ThrowIfInvalid();
        state.EnsureNotMerged();
        return state.Status == NetworkStatus.Retired ? [] : [new NetworkRetired(Reason, stamp.By, stamp.At)];
    }
}
