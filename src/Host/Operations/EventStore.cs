using JasperFx;
using JasperFx.CodeGeneration;
using JasperFx.Events;
using JasperFx.MultiTenancy;
using Marten;
using Npgsql;
using Weasel.Core;
using Wolverine.Marten;

namespace Participation.Host.Operations;

/// <summary>
/// Marten as event store and document database, one conjoined tenant per municipality. The capabilities
/// add their projections, listeners and documents themselves (<c>ConfigureMarten</c>); this part owns the
/// connection, the schema, the serializer, the event metadata, where the async daemon runs and how the
/// schema and the handler code are brought up to date.
/// </summary>
public static class EventStore
{
    public static IServiceCollection AddEventStore(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var production = !environment.IsDevelopment();
        var daemon = AsyncDaemonPlacements.From(configuration, production);
        services.AddSingleton(_ => new NpgsqlDataSourceBuilder(ConnectionString(configuration)).Build());
        services.AddSchemaAndCodeModes(configuration);
        var marten = services.AddMarten(options => Configure(options, configuration));
        if (TenancyModes.From(configuration) == TenancyMode.Shared) marten.UseNpgsqlDataSource();
        marten
            .AddAsyncDaemon(daemon.MartenMode())
            .UseLightweightSessions()
            .IntegrateWithWolverine(w => w.UseWolverineManagedEventSubscriptionDistribution = daemon == AsyncDaemonPlacement.Distributed);
        if (AppliesSchemaOnStartup(configuration)) marten.ApplyAllDatabaseChangesOnStartup();
        return services;
    }

    /// <summary>The store's own settings, the same for the Host and for anything that opens its database beside it (the benchmarks' baseline).</summary>
    public static void Configure(StoreOptions options, IConfiguration configuration)
    {
        var schema = configuration["Marten:Schema"] ?? "participation";
        options.DatabaseSchemaName = schema;
        options.Events.DatabaseSchemaName = schema;
        options.UseSystemTextJsonForSerialization(EnumStorage.AsString, Casing.CamelCase);

        if (TenancyModes.From(configuration) == TenancyMode.DatabasePerTenant)
        {
            // ConnectionStrings:Marten names the master database; the tenants' own are in its table (ADR 40).
            var masterConnection = ConnectionString(configuration);
            options.MultiTenantedDatabasesWithMasterDatabaseTable(master =>
            {
                master.ConnectionString = masterConnection;
                master.SchemaName = TenancyModes.MasterSchema;
                master.ApplicationName = "participation";
                // The list of tenants is made wherever it is missing, also where the schema is applied by `resources setup`.
                master.AutoCreate = AutoCreate.CreateOrUpdate;
            });
            var master = new NpgsqlConnectionStringBuilder(masterConnection);
            options.ConfigureNpgsqlDataSourceBuilder(builder =>
            {
                Tune(builder.ConnectionStringBuilder, configuration);
                if (!TenantPools.SameDatabase(builder.ConnectionStringBuilder, master)) TenantPools.Bound(builder.ConnectionStringBuilder, configuration);
            });
        }
        // Conjoined in every mode: each row keeps its tenant, so one statement serves a shared database and a tenant's own.
        options.Events.TenancyStyle = TenancyStyle.Conjoined;
        options.Policies.AllDocumentsAreMultiTenanted();
        options.Events.StreamIdentity = StreamIdentity.AsGuid;
        options.Events.AppendMode = EventAppendMode.Quick;
        options.Events.MetadataConfig.UserNameEnabled = true;
        options.Events.MetadataConfig.CorrelationIdEnabled = true;
        options.Events.MetadataConfig.CausationIdEnabled = true;
        options.Events.MetadataConfig.HeadersEnabled = true;
    }

    /// <summary>
    /// The Critter Stack's own profiles decide how Marten and Wolverine treat the schema and the handler code:
    /// in Development everything is created and the code generated at start; elsewhere the schema is only
    /// updated and the code committed under <c>Internal/Generated</c> is loaded (ADR 5). <c>Wolverine:CodeGeneration</c>
    /// and <c>Database:ApplySchemaOnStartup</c> override both profiles.
    /// </summary>
    private static void AddSchemaAndCodeModes(this IServiceCollection services, IConfiguration configuration) =>
        services.CritterStackDefaults(x =>
        {
            x.Development.GeneratedCodeMode = TypeLoadMode.Dynamic;
            x.Development.ResourceAutoCreate = AutoCreate.All;
            x.Production.GeneratedCodeMode = TypeLoadMode.Static;
            x.Production.ResourceAutoCreate = AutoCreate.CreateOrUpdate;
            if (CodeGenerationMode.Configured(configuration) is { } mode) x.Development.GeneratedCodeMode = x.Production.GeneratedCodeMode = mode;
            if (!AppliesSchemaOnStartup(configuration)) x.Development.ResourceAutoCreate = x.Production.ResourceAutoCreate = AutoCreate.None;
        });

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
    /// for Marten's append function (ADR 9), and the statements a command sends again and again
    /// prepared on each connection (<c>Database:MaxAutoPrepare</c>, 0 to turn it off; a positive
    /// <c>Max Auto Prepare</c> in the connection string wins): parsing and planning them anew was a
    /// third of PostgreSQL's CPU per command (ADR 21).
    /// </summary>
    public static string ConnectionString(IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString("Marten")
            ?? throw new InvalidOperationException(
                "ConnectionStrings:Marten is not set. Run `bash scripts/run.sh` to use the embedded database, or set ConnectionStrings__Marten.");
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        Tune(builder, configuration);
        return builder.ConnectionString;
    }

    /// <summary>
    /// The settings of <see cref="ConnectionString"/> for any database of ours, a tenant's own included. The password stays
    /// readable from the data source (<c>Persist Security Info</c>), because the list's unprepared twin of a tenant's
    /// database is built from its connection string.
    /// </summary>
    private static void Tune(NpgsqlConnectionStringBuilder builder, IConfiguration configuration)
    {
        builder.NoResetOnClose = true;
        builder.PersistSecurityInfo = true;
        // Names the node in pg_stat_activity (its connections counted per node: ADR 40).
        if (configuration["Database:ApplicationName"] is { Length: > 0 } name) builder.ApplicationName = name;
        if (builder.MaxAutoPrepare == 0)
        {
            builder.MaxAutoPrepare = configuration.GetValue("Database:MaxAutoPrepare", DefaultMaxAutoPrepare);
            builder.AutoPrepareMinUsages = 2;
        }
    }

    /// <summary>Enough for every statement of the command paths and the daemon's, with room: Npgsql evicts the least used beyond it.</summary>
    public const int DefaultMaxAutoPrepare = 256;
}
