using Marten;
using Participation.Host.Http;
using Participation.Host.Notifications.Delivery;
using Participation.Host.Notifications.Subscriptions;
using Wolverine;
using Wolverine.Marten;

namespace Participation.Host.Notifications;

public static class NotificationsSetup
{
    public const string Queue = "notifications";

    /// <summary>
    /// Webhooks and the change feed: subscriptions (a Marten document) and their delivery state (tables of their own),
    /// the Marten subscription that hands events over to durable Wolverine messages, the pump that delivers them, and
    /// their health and gauges (ADR 11).
    /// </summary>
    public static IServiceCollection AddNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<NotificationOptions>().Bind(configuration.GetSection(NotificationOptions.Section)).ValidateOnStart();
        services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<NotificationOptions>, NotificationOptionsValidation>();
        services.AddRequestExample(new CreateSubscription("https://ontvanger.example.nl/participatie", ["case_opened", "phase_changed", "case_closed"],
            [Participation.Domain.Cases.CaseDomain.Jeugdzorg], "Jeugdzorgregister"));
        services.AddRequestExample(new Replay(1200));
        services.AddSingleton<CloudEventFormat>();
        services.AddSingleton<WebhookSecrets>();
        services.AddSingleton(WebhookSecrets.Kind);
        services.AddSingleton<CallbackAddresses>();
        services.AddSingleton<DeliveryStates>();
        services.AddSingleton<WebhookSender>();
        services.AddSingleton<NotificationPump>();
        services.AddSingleton<NotificationMetrics>();
        services.AddSingleton<NotificationMonitor>();
        services.AddHostedService(sp => sp.GetRequiredService<NotificationMonitor>());
        services.AddHealthChecks().Add(new Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckRegistration(
            "notifications", sp => sp.GetRequiredService<NotificationMonitor>(), null, ["ready"]));
        services.AddHttpClient(NotificationPump.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(sp => new SocketsHttpHandler
            {
                // A receiver's redirect is not followed: the callback address is the one that was checked.
                AllowAutoRedirect = false,
                UseCookies = false,
                ConnectCallback = sp.GetRequiredService<CallbackAddresses>().ConnectAsync,
                PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            })
            // Each attempt has its own timeout (Notifications:Timeout).
            .ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan)
            // Every attempt is in the subscription's delivery log and metrics; a log scope and lines per request would only cost.
            .RemoveAllLoggers();

        services.ConfigureMarten(options =>
        {
            options.Schema.For<WebhookSubscription>();
            options.Storage.ExtendedSchemaObjects.AddRange(NotificationTables.For(options.Events.DatabaseSchemaName));
        });
        services.SubscribeToEvents(new NotificationFanOut());
        services.ConfigureWolverine(options =>
        {
            options.LocalQueue(Queue).UseDurableInbox().MaximumParallelMessages(32);
            options.PublishMessage<PumpNotifications>().ToLocalQueue(Queue);
            options.PublishMessage<ReplayNotifications>().ToLocalQueue(Queue);
        });
        return services;
    }
}
