namespace Participation.Domain.Networks;

/// <summary>Every network event type and the name it is stored and published under (stable: renaming a class never changes stored data).</summary>
public static class NetworkEventTypes
{
    public static readonly IReadOnlyList<(Type Type, string Name)> All =
    [
        (typeof(NetworkRegistered), "network_registered"),
        (typeof(NetworkUpdated), "network_updated"),
        (typeof(NetworkMerged), "network_merged"),
        (typeof(NetworkRetired), "network_retired"),
        (typeof(NetworkReactivated), "network_reactivated"),
    ];

    /// <summary>The stored names, in declaration order.</summary>
    public static IReadOnlyList<string> Names { get; } = All.Select(t => t.Name).ToArray();
}
