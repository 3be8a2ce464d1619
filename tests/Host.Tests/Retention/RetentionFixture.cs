using System.Text.Json.Nodes;
using Marten;
using Marten.Events;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Participation.Host.Security;
using Participation.Host.Tests.Notifications;
using Participation.Host.Tests.Support;

namespace Participation.Host.Tests.Retention;

/// <summary>
/// A host of its own for retention: its clock is the tests' (cases close, then years pass), its rebuilds replay only what these
/// tests wrote, and a webhook receiver listens. Tokens are signed against the real time, so they stay valid whatever the clock shows.
/// </summary>
public sealed class RetentionFixture() : ApiFixture("retention_tests")
{
    public const int MinimumCount = 3;

    public DateTimeOffset Start { get; } = new(DateTimeOffset.UtcNow.UtcTicks / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond, TimeSpan.Zero);

    public FakeClock Clock { get; private set; } = null!;

    public Receiver Receiver { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        Receiver = await Receiver.StartAsync();
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Receiver.DisposeAsync();
    }

    protected override void Configure(IWebHostBuilder builder)
    {
        Clock = new FakeClock(Start);
        builder.UseSetting("Figures:MinimumCount", MinimumCount.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Retention:CasesPerTransaction", "2");
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }

    /// <summary>A caller of <paramref name="tenant"/> whose token is signed with the real time.</summary>
    public Caller Caller(string tenant, string name, params string[] roles)
    {
        var issuer = new TokenIssuer(Host.Services.GetRequiredService<JwtSettings>(), TimeProvider.System);
        return new Caller(Host, tenant, name, issuer.Issue(name, tenant, roles));
    }

    /// <summary>A fresh tenant with the clock back at <see cref="Start"/>.</summary>
    public string NewTenantAtStart()
    {
        Clock.Set(Start);
        return "t-" + Guid.NewGuid().ToString("N")[..12];
    }

    /// <summary>Waits until the async daemon has projected every event so far.</summary>
    public Task CatchUp() => Host.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));

    /// <summary>Waits until the list's background destruction is done, then until the daemon has projected it.</summary>
    public async Task<JsonNode> Destroyed(Caller reader, Guid listId)
    {
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var list = (await reader.Get($"/api/destruction-lists/{listId}")).ShouldBe(200).Json;
            if ((string?)list["status"] == "destroyed")
            {
                await CatchUp();
                return list;
            }
            if (DateTimeOffset.UtcNow > deadline) throw new TimeoutException($"List {listId} is still {(string?)list["status"]}: {list.ToJsonString()}");
            await Task.Delay(50);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class RetentionCollection : ICollectionFixture<RetentionFixture>
{
    public const string Name = "retention";
}
