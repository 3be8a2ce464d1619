using Alba;
using Marten;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using JasperFx.CommandLine;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Hosting;
using Participation.Host.Notifications;
using Participation.Host.Security;

namespace Participation.Host.Tests.Support;

/// <summary>
/// One API host for the whole test run, on its own schema, emptied when the run starts. Tests
/// isolate their data by using a fresh tenant each: tenants never see each other, which is itself
/// under test.
/// </summary>
public class ApiFixture : IAsyncLifetime
{
    public ApiFixture() : this(Environment.GetEnvironmentVariable("PARTICIPATION_TEST_SCHEMA") ?? "api_tests")
    {
    }

    protected ApiFixture(string schema) => Schema = schema;

    public string Schema { get; }

    public IAlbaHost Host { get; private set; } = null!;

    /// <summary>Every line the host logged (Debug and up): level, category, message and exception, so tests can say what never reaches a log.</summary>
    public IEnumerable<string> LogLines => Host.Services.GetFakeLogCollector().GetSnapshot()
        .Select(r => $"{r.Level} {r.Category}: {r.Message} {r.Exception}");

    public virtual async Task InitializeAsync()
    {
        JasperFxEnvironment.AutoStartHost = true;
        Host = await AlbaHost.For<Program>(builder =>
        {
            builder.UseEnvironment(Environments.Development);
            builder.UseSetting("ConnectionStrings:Marten", TestDatabase.ConnectionString);
            builder.UseSetting("Marten:Schema", Schema);
            builder.ConfigureLogging(logging => logging.AddFakeLogging().SetMinimumLevel(LogLevel.Debug));
            Configure(builder);
        });
        await ResetAsync();
    }

    /// <summary>Empties what earlier runs left in the host's database.</summary>
    protected virtual async Task ResetAsync()
    {
        await Host.ResetAllMartenDataAsync();
        await ForgetNotificationsAsync();
    }

    public virtual async Task DisposeAsync() => await Host.DisposeAsync();

    /// <summary>The delivery state of webhook subscriptions is not Marten's data; a reset forgets it too.</summary>
    private async Task ForgetNotificationsAsync()
    {
        var tables = string.Join(", ", new[] { NotificationTables.States, NotificationTables.Outbox, NotificationTables.Deliveries }.Select(t => $"{Schema}.{t}"));
        await using var connection = await Host.Services.GetRequiredService<Npgsql.NpgsqlDataSource>().OpenConnectionAsync();
        await connection.ExecuteAsync($"truncate {tables}");
    }

    /// <summary>Settings and services of a derived fixture, applied after the common ones.</summary>
    protected virtual void Configure(IWebHostBuilder builder)
    {
    }

    /// <summary>A caller in a brand-new tenant with the given roles.</summary>
    public Caller NewTenant(params string[] roles) => As("anna", "t-" + Guid.NewGuid().ToString("N")[..12], roles.Length == 0 ? [Roles.Caseworker] : roles);

    public Caller As(string name, string tenant, params string[] roles)
    {
        Provision(tenant);
        return new(Host, tenant, name, Host.Services.GetRequiredService<TokenIssuer>().Issue(name, tenant, roles));
    }

    /// <summary>Whatever a tenant needs before its first request; nothing in the shared database.</summary>
    protected virtual void Provision(string tenant)
    {
    }
}

[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<ApiFixture>
{
    public const string Name = "api";
}
