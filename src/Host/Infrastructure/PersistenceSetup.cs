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
        var connectionString = ConnectionString(configuration);
        var daemon = AsyncDaemonPlacements.From(configuration, production);
        var seal = new EventSeal(SealKey(configuration, production));
        var chainHeads = new SealChainHeads();
        services.AddSingleton(seal);
        services.AddSingleton(chainHeads);
        services.AddSingleton<ChainVerifier>();
        services.AddSingleton<Cases.History.CaseReplay>();
        services.AddSingleton<PersonalDataRevealer>();
        services.AddSingleton(_ => new NpgsqlDataSourceBuilder(connectionString).Build());
        var applySchema = AppliesSchemaOnStartup(configuration);
        var marten = services.AddMarten(options =>
            {
                ConfigureStore(options, configuration, seal, chainHeads);
                options.AddProgressProjections();
                options.AutoCreateSchemaObjects = !applySchema ? AutoCreate.None : production ? AutoCreate.CreateOrUpdate : AutoCreate.All;
            })
            .UseNpgsqlDataSource()
            .AddAsyncDaemon(daemon.MartenMode())
            .UseLightweightSessions()
            .IntegrateWithWolverine(w => w.UseWolverineManagedEventSubscriptionDistribution = daemon == AsyncDaemonPlacement.Distributed);
        if (applySchema) marten.ApplyAllDatabaseChangesOnStartup();
        return services;
    }

    /// <summary>
    /// Whether the Host brings the database schema up to date as it starts (the default). A deployment
    /// that runs <c>resources setup</c> before starting the new version turns it off
    /// (<c>Database:ApplySchemaOnStartup=false</c>) and saves every node the schema check at start.
    /// </summary>
    public static bool AppliesSchemaOnStartup(IConfiguration configuration) =>
        configuration.GetValue("Database:ApplySchemaOnStartup", defaultValue: true);

    /// <summary>
    /// The configured connection string, with pooled connections kept as they are between uses
    /// instead of reset with <c>DISCARD ALL</c>, which would throw away the plans PostgreSQL cached
    /// for Marten's append function (ADR 9).
    /// </summary>
    public static string ConnectionString(IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString("Marten")
            ?? throw new InvalidOperationException(
                "ConnectionStrings:Marten is not set. Run `bash scripts/run.sh` to use the embedded database, or set ConnectionStrings__Marten.");
        return new NpgsqlConnectionStringBuilder(connectionString) { NoResetOnClose = true }.ConnectionString;
    }

    /// <summary>
    /// The case store itself: events, tenancy, metadata, sealing and the case projections, without
    /// the Host's daemon and Wolverine wiring (the framework-overhead benchmark reuses it as it is).
    /// </summary>
    public static void ConfigureStore(StoreOptions options, IConfiguration configuration, EventSeal seal, SealChainHeads chainHeads)
    {
        var schema = configuration["Marten:Schema"] ?? "participation";
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
        options.Listeners.Add(new EventSealer(seal, chainHeads));
        options.AddCaseProjections();
        options.Schema.For<PersonalDataKey>();
    }

    public static byte[] SealKey(IConfiguration configuration, bool production)
    {
        var key = configuration["Audit:SealKey"];
        if (string.IsNullOrEmpty(key) || (production && key.Length < 32))
            throw new InvalidOperationException("Audit:SealKey must be configured (at least 32 characters) to seal the event history.");
        return System.Text.Encoding.UTF8.GetBytes(key);
    }
}
