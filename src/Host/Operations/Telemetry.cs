using System.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Participation.Host.Notifications;
using Participation.Host.Security;

namespace Participation.Host.Operations;

/// <summary>
/// OpenTelemetry traces, metrics and logs of the Host, the database and the Critter Stack, exported over OTLP when the
/// standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> (or a signal's own endpoint) is set, and offered for Prometheus to
/// scrape at <c>/metrics</c> when <c>Telemetry:Prometheus</c> is <c>true</c>. Every other <c>OTEL_*</c> variable
/// (service name, resource attributes, protocol, headers, intervals) works as the OpenTelemetry SDK defines it; the
/// service is <c>participation</c> unless <c>OTEL_SERVICE_NAME</c> or a <c>service.name</c> in <c>OTEL_RESOURCE_ATTRIBUTES</c> names it.
/// Spans name the tenant and the case, never personal data: no bodies, and query values are redacted.
/// </summary>
public static class Telemetry
{
    public const string ServiceName = "participation";
    public const string TenantAttribute = "participation.tenant";
    public const string CaseAttribute = "participation.case_id";

    private static readonly string[] OtlpEndpoints =
    [
        "OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT", "OTEL_EXPORTER_OTLP_LOGS_ENDPOINT",
    ];

    public static bool ExportsOtlp(IConfiguration configuration) => OtlpEndpoints.Any(name => !string.IsNullOrWhiteSpace(configuration[name]));

    public static bool ServesPrometheus(IConfiguration configuration) => configuration.GetValue<bool>("Telemetry:Prometheus");

    public static IServiceCollection AddTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var otlp = ExportsOtlp(configuration);
        var prometheus = ServesPrometheus(configuration);
        if (!otlp && !prometheus) return services;

        var telemetry = services.AddOpenTelemetry()
            // The SDK reads OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES before this default; reading them again after it
            // lets an operator's service name and attributes win, as they do for every other OTEL_* variable.
            .ConfigureResource(resource => resource.AddService(ServiceName, serviceInstanceId: Environment.MachineName).AddEnvironmentVariableDetector())
            .WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(aspNetCore => aspNetCore.Filter = http => !IsProbe(http.Request.Path))
                .AddHttpClientInstrumentation()
                .AddNpgsql()
                .AddSource("Marten", "Wolverine"))
            .WithMetrics(metrics =>
            {
                metrics
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddRuntimeInstrumentation()
                    .AddNpgsqlInstrumentation()
                    .AddMeter("Marten", "Wolverine:*", ProjectionMonitor.MeterName, NotificationMetrics.MeterName, FollowUp.Timers.OverdueCheck.MeterName,
                        Privacy.ProcessingLogHealth.MeterName);
                if (prometheus) metrics.AddPrometheusExporter();
            });
        if (otlp) telemetry.WithLogging().UseOtlpExporter();
        return services;
    }

    /// <summary>Prometheus' scrape endpoint when it is asked for; and every request's span names its tenant and case.</summary>
    public static WebApplication MapTelemetry(this WebApplication app)
    {
        app.Use(async (http, next) =>
        {
            if (http.Features.Get<IHttpActivityFeature>()?.Activity is { IsAllDataRequested: true } activity)
            {
                if (http.User.FindFirst(ClaimNames.Tenant)?.Value is { } tenant) activity.SetTag(TenantAttribute, tenant);
                if (http.GetRouteValue("caseId") is { } caseId) activity.SetTag(CaseAttribute, caseId.ToString());
            }
            await next(http);
        });
        if (ServesPrometheus(app.Configuration)) app.MapPrometheusScrapingEndpoint().AllowAnonymous();
        return app;
    }

    private static bool IsProbe(PathString path) => path.StartsWithSegments("/health") || path.StartsWithSegments("/metrics");
}
