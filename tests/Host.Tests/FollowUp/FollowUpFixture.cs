using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Participation.Host.FollowUp.Timers;
using Participation.Host.Security;
using Participation.Host.Tests.Support;

namespace Participation.Host.Tests.FollowUp;

/// <summary>
/// A host of its own whose clock the tests move: deadlines are counted and timers fire by it. The host's own timer loop is
/// slowed to a crawl here, so a test decides when due timers are checked (<see cref="CheckTimers"/>) and counts exactly.
/// </summary>
public sealed class FollowUpFixture() : ApiFixture("follow_up_tests")
{
    public DateTimeOffset Start { get; } = new(DateTimeOffset.UtcNow.UtcTicks / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond, TimeSpan.Zero);

    public FakeClock Clock { get; private set; } = null!;

    protected override void Configure(IWebHostBuilder builder)
    {
        Clock = new FakeClock(Start);
        builder.UseSetting("FollowUp:CheckInterval", "00:00:50");
        builder.UseSetting("FollowUp:WorklistExactTotalUpTo", "1"); // so a worklist of two has an estimated total
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }

    /// <summary>A caseworker (who may also administer) in a fresh tenant; the clock is back at <see cref="Start"/>.</summary>
    public Caller NewStory(params string[] roles)
    {
        Clock.Set(Start);
        var tenant = "t-" + Guid.NewGuid().ToString("N")[..12];
        var issuer = new TokenIssuer(Host.Services.GetRequiredService<JwtSettings>(), new FakeClock(Start));
        string[] granted = roles.Length == 0 ? [Roles.Caseworker, Roles.Admin, Roles.Manager, Roles.Auditor] : roles;
        return new Caller(Host, tenant, "anna", issuer.Issue("anna", tenant, granted, TimeSpan.FromDays(3650)));
    }

    /// <summary>Checks every timer that has passed by the clock, as each node's loop does.</summary>
    public Task<int> CheckTimers() => Host.Services.GetRequiredService<OverdueCheck>().RunDueAsync(CancellationToken.None);
}

[CollectionDefinition(Name)]
public sealed class FollowUpCollection : ICollectionFixture<FollowUpFixture>
{
    public const string Name = "follow-up";
}
