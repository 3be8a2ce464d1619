using Marten;
using Participation.Projections.Progress;

namespace Participation.Host.Progress;

public static class ProgressSetup
{
    /// <summary>The async read models behind the programme manager's figures.</summary>
    public static IServiceCollection AddProgress(this IServiceCollection services)
    {
        services.ConfigureMarten(options => options.AddProgressProjections());
        return services;
    }
}
