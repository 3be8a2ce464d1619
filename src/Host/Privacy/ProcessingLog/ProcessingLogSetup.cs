using Marten;
using Microsoft.Extensions.Options;

namespace Participation.Host.Privacy;

public static class ProcessingLogSetup
{
    /// <summary>
    /// The processing log (ADR 32): its settings (checked at start), its table, the listener that records writes in their own
    /// transaction, the recorder reads report to, its health and metrics, and the retention job.
    /// </summary>
    public static IServiceCollection AddProcessingLog(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ProcessingLogOptions>().Bind(configuration.GetSection(ProcessingLogOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ProcessingLogOptions>, ProcessingLogOptionsValidation>();
        services.AddHttpContextAccessor();
        services.AddSingleton<ProcessingLogHealth>();
        services.AddSingleton<ProcessingLogDataSource>();
        services.AddSingleton<ProcessingLogWriter>();
        services.AddSingleton<ProcessingLogRecorder>();
        services.AddSingleton<ProcessingLogQueries>();
        services.AddSingleton<ProcessingLogRetention>();
        services.AddHostedService(sp => sp.GetRequiredService<ProcessingLogRetention>());
        services.AddHealthChecks().Add(new Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckRegistration(
            "processing-log", sp => sp.GetRequiredService<ProcessingLogHealth>(), null, ["ready"]));
        services.AddSingleton<IConfigureMarten, ProcessingLogMarten>();
        return services;
    }

    private sealed class ProcessingLogMarten(IServiceProvider services) : IConfigureMarten
    {
        public void Configure(IServiceProvider _, StoreOptions options)
        {
            options.Storage.ExtendedSchemaObjects.Add(ProcessingLogTable.For(options.Events.DatabaseSchemaName));
            // Resolved when a session saves, not now: the writer needs the store this configures.
            options.Listeners.Add(new LazyListener(services));
        }
    }

    private sealed class LazyListener(IServiceProvider services) : DocumentSessionListenerBase
    {
        private ProcessingLogSessionListener? _listener;

        // A store built outside the Host (a tool beside it) may lack the Host's clock: it records by the system's.
        private ProcessingLogSessionListener Listener => _listener ??= new ProcessingLogSessionListener(
            services.GetRequiredService<IHttpContextAccessor>(), services.GetService<TimeProvider>() ?? TimeProvider.System,
            services.GetRequiredService<IOptions<ProcessingLogOptions>>().Value);

        public override Task BeforeSaveChangesAsync(IDocumentSession session, CancellationToken token) => Listener.BeforeSaveChangesAsync(session, token);
    }
}
