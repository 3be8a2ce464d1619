namespace Participation.Host.Networks;

public static class NetworkRoutes
{
    public const string Networks = "/api/networks";

    /// <summary>One network; <c>{networkId}</c> is a UUID other than the empty one.</summary>
    public const string Network = Networks + "/{networkId:id}";
}
