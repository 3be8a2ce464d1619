namespace Participation.Domain.Networks;

/// <summary>Rules of networks; each broken rule has a stable code.</summary>
public static class NetworkRules
{
    public const string NetworkExists = "network-exists";
    public const string NetworkMerged = "network-merged";
    public const string NetworkRetired = "network-retired";
    public const string NetworkActive = "network-active";
    public const string NetworkUnknown = "network-unknown";
    public const string MergeIntoItself = "merge-into-itself";

    public static void EnsureNotMerged(this NetworkState network)
    {
        if (network.Status == NetworkStatus.Merged)
            throw new NetworkRuleViolated(NetworkMerged, $"Network {network.Id} was merged into {network.MergedInto}; use that one.", network.MergedInto);
    }

    /// <summary>Only an active network takes new connections or merges.</summary>
    public static void EnsureActive(this NetworkState network)
    {
        network.EnsureNotMerged();
        if (network.Status == NetworkStatus.Retired)
            throw new NetworkRuleViolated(NetworkRetired, $"Network {network.Id} is retired; reactivate it first.");
    }
}

/// <summary>A command breaks a rule of networks; <see cref="Code"/> is stable, <see cref="NetworkId"/> names the network meant, if any.</summary>
public sealed class NetworkRuleViolated(string code, string message, Guid? networkId = null) : Exception(message)
{
    public string Code { get; } = code;
    public Guid? NetworkId { get; } = networkId;
}
