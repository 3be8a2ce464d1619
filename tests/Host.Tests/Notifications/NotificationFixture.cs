using Microsoft.AspNetCore.Hosting;
using Participation.Host.Notifications.Delivery;
using Participation.Host.Security;
using Participation.Host.Tests.Support;

namespace Participation.Host.Tests.Notifications;

/// <summary>
/// A host of its own with short retry delays and timeout, and a receiver on loopback; tests use a tenant and a
/// receiver path each.
/// </summary>
public sealed class NotificationFixture() : ApiFixture("notification_tests")
{
    public static readonly TimeSpan[] RetryDelays = [TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(400), TimeSpan.FromMilliseconds(800)];
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(1);

    public Receiver Receiver { get; private set; } = null!;

    protected override void Configure(IWebHostBuilder builder)
    {
        for (var i = 0; i < RetryDelays.Length; i++) builder.UseSetting($"Notifications:RetryDelays:{i}", RetryDelays[i].ToString());
        builder.UseSetting("Notifications:Timeout", Timeout.ToString());
        builder.UseSetting("Notifications:ReceiverDownProbeInterval", "00:00:00.300");
        // Each round's line (which lane delivered what) is logged at Debug.
        builder.UseSetting($"Logging:LogLevel:{typeof(NotificationPump).FullName}", "Debug");
    }

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

    /// <summary>An admin and a caseworker of a fresh tenant.</summary>
    public (Caller Admin, Caller Caseworker) NewTenant()
    {
        var caseworker = NewTenant(Roles.Caseworker);
        return (caseworker.WithRoles(Roles.Admin), caseworker);
    }
}

[CollectionDefinition(Name)]
public sealed class NotificationCollection : ICollectionFixture<NotificationFixture>
{
    public const string Name = "notifications";
}
