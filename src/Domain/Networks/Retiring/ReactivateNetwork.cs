using Participation.Domain.Cases;

namespace Participation.Domain.Networks.Retiring;

public sealed record ReactivateNetwork(string Reason)
{
    public IReadOnlyList<INetworkEvent> Decide(NetworkState state, Stamp stamp)
    {
        new CommandValidation().Text("reason", Reason, CommandValidation.LongText).ThrowIfInvalid();
        state.EnsureNotMerged();
        return state.Status == NetworkStatus.Active ? [] : [new NetworkReactivated(Reason, stamp.By, stamp.At)];
    }
}
