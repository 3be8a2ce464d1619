using Marten;
using Participation.Host.Audit.History;
using Participation.Host.Audit.Seals;

namespace Participation.Host.Audit;

public static class AuditSetup
{
    /// <summary>Tamper evidence (every appended event sealed into its stream's chain, ADR 6), its verification and the history replays.</summary>
    public static IServiceCollection AddAudit(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var seal = new EventSeal(SealKey(configuration, production: !environment.IsDevelopment()));
        var chainHeads = new SealChainHeads();
        services.AddSingleton(seal);
        services.AddSingleton(chainHeads);
        services.AddSingleton<ChainVerifier>();
        services.AddSingleton<CaseReplay>();
        services.ConfigureMarten(options => options.Listeners.Add(new EventSealer(seal, chainHeads)));
        return services;
    }

    private static byte[] SealKey(IConfiguration configuration, bool production)
    {
        var key = configuration["Audit:SealKey"];
        if (string.IsNullOrEmpty(key) || (production && key.Length < 32))
            throw new InvalidOperationException("Audit:SealKey must be configured (at least 32 characters) to seal the event history.");
        return System.Text.Encoding.UTF8.GetBytes(key);
    }
}
