using Marten;
using Participation.Projections.Networks;

namespace Participation.Host.Networks;

public static class NetworksSetup
{
    /// <summary>The network streams, their inline decision state and the async read model of the tenant's map.</summary>
    public static IServiceCollection AddNetworks(this IServiceCollection services)
    {
        services.ConfigureMarten(options => options.AddNetworkProjections());
        services.AddNetworkCommandExamples();
        return services;
    }
}
