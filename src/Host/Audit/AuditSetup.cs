using Marten;
using Participation.Host.Audit.History;
using Participation.Host.Audit.Seals;

namespace Participation.Host.Audit;

public static class AuditSetup
{
    /// <summary>Tamper evidence (every appended event sealed into its stream's chain, ADR 6 and 13), its verification and the history replays.</summary>
    public static IServiceCollection AddAudit(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SealKeyOptions>().Bind(configuration.GetSection(SealKeyOptions.Section)).ValidateOnStart();
        services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<SealKeyOptions>, SealKeyValidation>();
        services.AddSingleton<SealKeyRing>();
        services.AddSingleton<SealChainHeads>();
        services.AddSingleton<ChainVerifier>();
        services.AddSingleton<CaseReplay>();
        services.ConfigureMarten((provider, options) =>
            options.Listeners.Add(new EventSealer(provider.GetRequiredService<SealKeyRing>(), provider.GetRequiredService<SealChainHeads>())));
        return services;
    }
}
