using Participation.Domain.Cases;

namespace Participation.Domain.Networks.Merging;

public sealed record MergeNetwork(Guid Into)
{
    public IReadOnlyList<INetworkEvent> Decide(NetworkState state, NetworkState? into, Stamp stamp)
    {
        new CommandValidation().Check(Into != Guid.Empty, "into", "is required").ThrowIfInvalid();
        if (Into == state.Id) throw new NetworkRuleViolated(NetworkRules.MergeIntoItself, "A network cannot be merged into itself.");
        state.EnsureNotMerged();
        if (into is null) throw new NetworkRuleViolated(NetworkRules.NetworkUnknown, $"The tenant has no network {Into} to merge into.");
        into.EnsureActive();
        return [new NetworkMerged(into.Id, stamp.By, stamp.At)];
    }
}
