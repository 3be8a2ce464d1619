using JasperFx;
using JasperFx.Events;
using Marten;
using Marten.Events.Projections;
using JasperFx.MultiTenancy;
using Npgsql;
using Participation.Host.Infrastructure.TamperEvidence;
using Participation.Host.Privacy;
using Participation.Host.Progress;
using Participation.Projections.Cases;
using Participation.Projections.Progress;
using Weasel.Core;
using Wolverine.Marten;

namespace Participation.Host.Infrastructure;

public static class PersistenceSetup
{
    /// <summary>Marten as event store and document database, one conjoined tenant per municipality.</summary>
    public static IServiceCollection AddParticipationMarten(this IServiceCollection services, IConfiguration configuration, bool production)
    {
        var connectionString = configuration.GetConnectionString("Marten")
            ?? throw new InvalidOperationException(
                "ConnectionStrings:Marten is not set. Run `bash scripts/run.sh` to use the embedded database, or set ConnectionStrings__Marten.");
        var schema = configuration["Marten:Schema"] ?? "participation";

        var daemon = AsyncDaemonPlacements.From(configuration, production);
        var seal = new EventSeal(SealKey(configuration, production));
        services.AddSingleton(seal);
        services.AddSingleton<ChainVerifier>();
        services.AddSingleton<PersonalDataRevealer>();
        services.AddSingleton(_ => new NpgsqlDataSourceBuilder(connectionString).Build());
        services.AddMarten(options =>
            {
                options.DatabaseSchemaName = schema;
                options.Events.DatabaseSchemaName = schema;
                options.UseSystemTextJsonForSerialization(EnumStorage.AsString, Casing.CamelCase);

                options.Events.TenancyStyle = TenancyStyle.Conjoined;
                options.Policies.AllDocumentsAreMultiTenanted();
                options.Events.StreamIdentity = StreamIdentity.AsGuid;
                options.Events.AppendMode = EventAppendMode.Quick;
                options.Events.MetadataConfig.UserNameEnabled = true;
                options.Events.MetadataConfig.CorrelationIdEnabled = true;
                options.Events.MetadataConfig.CausationIdEnabled = true;
                options.Events.MetadataConfig.HeadersEnabled = true;

                options.Listeners.Add(new UnsealedPersonalDataGuard());
                options.Listeners.Add(new EventSealer(seal));
                options.AddCaseProjections();
                options.Schema.For<PersonalDataKey>();
                options.AddProgressProjections();

                options.AutoCreateSchemaObjects = production ? AutoCreate.CreateOrUpdate : AutoCreate.All;
            })
            .UseNpgsqlDataSource()
            .AddAsyncDaemon(daemon.MartenMode())
            .UseLightweightSessions()
            .ApplyAllDatabaseChangesOnStartup()
            .IntegrateWithWolverine(w => w.UseWolverineManagedEventSubscriptionDistribution = daemon == AsyncDaemonPlacement.Distributed);
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
