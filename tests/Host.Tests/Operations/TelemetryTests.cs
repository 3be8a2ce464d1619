using System.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using OpenTelemetry.Trace;
using Participation.Host.Operations;
using Participation.Host.Tests.Support;

namespace Participation.Host.Tests.Operations;

/// <summary>A host exporting over OTLP/HTTP to a receiver on loopback, quickly, and serving Prometheus' scrape endpoint.</summary>
public sealed class TelemetryFixture() : ApiFixture("telemetry_tests")
{
    public OtlpReceiver Collector { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        Collector = await OtlpReceiver.StartAsync();
        await base.InitializeAsync();
    }

    protected override void Configure(IWebHostBuilder builder)
    {
        builder.UseSetting("OTEL_EXPORTER_OTLP_ENDPOINT", Collector.Endpoint);
        builder.UseSetting("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf");
        builder.UseSetting("OTEL_BSP_SCHEDULE_DELAY", "100");
        builder.UseSetting("OTEL_BLRP_SCHEDULE_DELAY", "100");
        builder.UseSetting("OTEL_METRIC_EXPORT_INTERVAL", "300");
        builder.UseSetting("Telemetry:Prometheus", "true");
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Collector.DisposeAsync();
    }
}

public sealed class TelemetryTests(TelemetryFixture telemetry) : IClassFixture<TelemetryFixture>
{
    [Fact]
    public async Task Traces_metrics_and_logs_reach_the_collector_with_route_database_tenant_and_case_but_no_personal_data()
    {
        var caseworker = telemetry.NewTenant();
        var tag = Guid.NewGuid().ToString("N")[..10];
        string[] personal = [$"Zeynep Kaya-{tag}", $"06{Random.Shared.NextInt64(10_000_000, 99_999_999)}", $"zeynep.{tag}@example.nl"];
        var caseId = await caseworker.OpenCase();
        var participant = (Guid)(await caseworker.Post($"/api/cases/{caseId}/participants",
            new { role = "parent", displayName = personal[0], contact = new { phone = personal[1], email = personal[2] } })).ShouldBe(200).Json["participantId"]!;
        (await caseworker.Post($"/api/cases/{caseId}/contacts", new
        {
            occurredAt = DateTimeOffset.UtcNow.AddHours(-1), kind = "home-visit", participantIds = new[] { participant }, summary = $"Gesprek met {personal[0]}",
        })).ShouldBe(200);
        (await caseworker.Get($"/api/cases/{caseId}")).ShouldBe(200);
        (await caseworker.Get($"/api/cases?q={Uri.EscapeDataString(personal[0])}")).ShouldBe(200);
        (await caseworker.PostRaw($"/api/cases/{caseId}/participants", $$"""{"role": "boss", "displayName": "{{personal[0]}}"}""")).ShouldBeProblem(400);

        var traces = await telemetry.Collector.WaitFor("traces", t => t.Contains(caseId.ToString()) && t.Contains("/api/cases/{caseId"), "the case's requests");
        Assert.Contains("http.route", traces);
        Assert.Contains("postgresql", traces);               // Npgsql's database spans
        Assert.Contains(Telemetry.TenantAttribute, traces);
        Assert.Contains(caseworker.Tenant, traces);
        Assert.Contains(Telemetry.CaseAttribute, traces);
        await telemetry.Collector.WaitFor("metrics", m => m.Contains("http.server.request.duration") && m.Contains("participation.projections.lag.events"),
            "the HTTP duration and projection-lag metrics");

        var everything = telemetry.Collector.AllText;
        foreach (var value in personal.Append(Uri.EscapeDataString(personal[0])))
            Assert.False(everything.Contains(value, StringComparison.OrdinalIgnoreCase), $"'{value}' was exported");
    }

    [Fact]
    public async Task Prometheus_can_scrape_the_metrics_when_asked_for()
    {
        await telemetry.NewTenant().OpenCase();
        var scrape = (await telemetry.NewTenant().Get("/metrics", ("Authorization", ""))).ShouldBe(200);
        Assert.Contains("http_server_request_duration_seconds", scrape.Body);
    }
}

/// <summary>
/// The service's name and resource attributes as an operator sets them: <c>participation</c> unless
/// <c>OTEL_SERVICE_NAME</c> or a <c>service.name</c> in <c>OTEL_RESOURCE_ATTRIBUTES</c> says otherwise (the first
/// winning over the second, as the specification orders them). The Host's own telemetry set-up, exporting a span.
/// </summary>
public sealed class TelemetryResourceTests
{
    [Theory]
    [InlineData(null, null, Telemetry.ServiceName, null)]
    [InlineData("participation-node-2", null, "participation-node-2", null)]
    [InlineData(null, "service.name=participation-acceptance,deployment.environment=acceptance", "participation-acceptance", "acceptance")]
    [InlineData("participation-node-2", "service.name=participation-acceptance,deployment.environment=acceptance", "participation-node-2", "acceptance")]
    public async Task The_exported_service_name_and_attributes_are_the_environments_else_participation(
        string? serviceName, string? resourceAttributes, string exportedName, string? exportedEnvironment)
    {
        await using var collector = await OtlpReceiver.StartAsync();
        var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.Endpoint, ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_SERVICE_NAME"] = serviceName, ["OTEL_RESOURCE_ATTRIBUTES"] = resourceAttributes,
        });
        builder.Services.AddTelemetry(builder.Configuration);
        using var host = builder.Build();
        await host.StartAsync();

        using (var wolverine = new ActivitySource("Wolverine")) wolverine.StartActivity("probe")?.Stop();
        host.Services.GetRequiredService<TracerProvider>().ForceFlush();

        var traces = await collector.WaitFor("traces", t => t.Contains(OtlpReceiver.Attribute("service.name", exportedName)), $"service.name {exportedName}");
        Assert.DoesNotContain(new[] { Telemetry.ServiceName, "participation-node-2", "participation-acceptance" }.Where(name => name != exportedName),
            name => traces.Contains(OtlpReceiver.Attribute("service.name", name)));
        if (exportedEnvironment is not null) Assert.Contains(OtlpReceiver.Attribute("deployment.environment", exportedEnvironment), traces);
        await host.StopAsync();
    }

    [Fact]
    public async Task The_host_process_reports_the_service_name_of_its_environment()
    {
        await using var collector = await OtlpReceiver.StartAsync();
        await using var host = await HostProcess.StartAsync("telemetry_process_tests", new Dictionary<string, string>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.Endpoint, ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "300", ["OTEL_SERVICE_NAME"] = "participation-node-2",
            // The committed handler code: a loaded machine compiling it at run time would only make the test slow.
            ["Wolverine__CodeGeneration"] = "Static",
        });

        var metrics = await collector.WaitFor("metrics", m => m.Contains(OtlpReceiver.Attribute("service.name", "participation-node-2")), "the environment's service name");

        Assert.DoesNotContain(OtlpReceiver.Attribute("service.name", Telemetry.ServiceName), metrics);
    }
}

/// <summary>Without OTEL_EXPORTER_OTLP_ENDPOINT (and without Prometheus) nothing is collected or exported at all.</summary>
[Collection(ApiCollection.Name)]
public sealed class NoTelemetryTests(ApiFixture api)
{
    [Fact]
    public void Without_an_endpoint_no_telemetry_is_collected()
    {
        Assert.Null(api.Host.Services.GetService<TracerProvider>());
        Assert.Null(api.Host.Services.GetService<OpenTelemetry.Metrics.MeterProvider>());
    }
}
