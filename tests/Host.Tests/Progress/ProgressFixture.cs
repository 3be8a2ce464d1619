using Marten.Events;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Participation.Host.Security;
using Participation.Host.Tests.Support;

namespace Participation.Host.Tests.Progress;

/// <summary>
/// A host of its own whose clock the tests control: events are stamped with it and the dashboard
/// reads "now" from it. Tests set it back to <see cref="Start"/> and move it forward as their story
/// unfolds. Tokens are issued at <see cref="Start"/> (the real time the fixture started) for a year,
/// so they stay valid whichever clock checks them.
/// </summary>
public sealed class ProgressFixture() : ApiFixture("progress_tests")
{
    public const long MaxLagEvents = 5;

    /// <summary>The case list counts its total up to this many cases here, so a tenant of a test is a large one.</summary>
    public const int ExactTotalUpTo = 3;

    /// <summary>The smallest count the insights publish here.</summary>
    public const int MinimumCount = 3;

    public DateTimeOffset Start { get; } = new(DateTimeOffset.UtcNow.UtcTicks / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond, TimeSpan.Zero);

    public FakeClock Clock { get; private set; } = null!;

    protected override void Configure(IWebHostBuilder builder)
    {
        Clock = new FakeClock(Start);
        builder.UseSetting("Progress:MaxLagEvents", MaxLagEvents.ToString(System.Globalization.CultureInfo.InvariantCulture));
        // The lowest threshold the Host accepts: stories of three families show a figure.
        builder.UseSetting("Figures:MinimumCount", MinimumCount.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Cases:List:ExactTotalUpTo", ExactTotalUpTo.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }

    /// <summary>A story in a fresh tenant, told by a caseworker and read by a manager; the clock is back at <see cref="Start"/>.</summary>
    public Story NewStory()
    {
        Clock.Set(Start);
        var tenant = "t-" + Guid.NewGuid().ToString("N")[..12];
        return new Story(this, Caller(tenant, Roles.Caseworker), Caller(tenant, Roles.Manager));
    }

    private Task<(Story, ProgrammeSpread)>? _spread;

    /// <summary>
    /// The programme spread, told once per run in a tenant of its own and shared by the tests that only
    /// read it (a test that disturbs its read models must put them right again). Set the clock before reading.
    /// </summary>
    public Task<(Story Story, ProgrammeSpread Spread)> Spread() => _spread ??= TellSpread();

    private async Task<(Story, ProgrammeSpread)> TellSpread()
    {
        var story = NewStory();
        return (story, await ProgrammeSpread.Tell(story));
    }

    /// <summary>A caller whose token is issued at <see cref="Start"/> for a year, whatever the clock shows now.</summary>
    public Caller Caller(string tenant, params string[] roles)
    {
        var issuer = new TokenIssuer(Host.Services.GetRequiredService<JwtSettings>(), new FakeClock(Start));
        return new Caller(Host, tenant, "anna", issuer.Issue("anna", tenant, roles, TimeSpan.FromDays(365)));
    }

    /// <summary>Waits until the async daemon has projected every event so far (no sleeping).</summary>
    public Task CatchUp() => Host.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));
}

[CollectionDefinition(Name)]
public sealed class ProgressCollection : ICollectionFixture<ProgressFixture>
{
    public const string Name = "progress";
}
