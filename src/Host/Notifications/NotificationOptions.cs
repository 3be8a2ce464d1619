namespace Participation.Host.Notifications;

/// <summary>Bound from the <c>Notifications</c> section; the defaults are API.md's.</summary>
public sealed class NotificationOptions
{
    public const string Section = "Notifications";

    public static readonly TimeSpan[] DefaultRetryDelays =
    [
        TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(10),
        TimeSpan.FromHours(1), TimeSpan.FromHours(6), TimeSpan.FromHours(24),
    ];

    /// <summary>
    /// The delays before each retry of an event that was not answered <c>2xx</c>; once they are used up the
    /// subscription is disabled. Configured, the list replaces the default one whole.
    /// </summary>
    public TimeSpan[]? RetryDelays { get; set; }

    public IReadOnlyList<TimeSpan> Delays => RetryDelays is { Length: > 0 } configured ? configured : DefaultRetryDelays;

    /// <summary>How long one attempt may take before it counts as <c>timeout</c>.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Allow <c>http</c> and loopback, link-local and private addresses (Development, tests).</summary>
    public bool AllowInsecureCallbacks { get; set; }

    /// <summary>The CloudEvents <c>source</c>, to which <c>:{tenant}</c> is added.</summary>
    public string Source { get; set; } = "urn:nld:participation";

    /// <summary>How long every attempt stays in a subscription's delivery log.</summary>
    public TimeSpan DeliveryLogRetention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Cases of one subscription delivered at the same time; each case's events one after another.</summary>
    public int ConcurrentCasesPerSubscription { get; set; } = 16;

    /// <summary>
    /// Failures in a row (over any cases) after which a subscription's receiver counts as down: then one due event is
    /// tried every <see cref="ReceiverDownProbeInterval"/> until one succeeds.
    /// </summary>
    public int FailuresBeforeReceiverDown { get; set; } = 3;

    /// <summary>
    /// How often a receiver that is down is tried, with one due event (or later, if it asked so with <c>Retry-After</c>):
    /// this bounds how long a receiver that is back waits for its backlog. Each event keeps its own retry delays.
    /// </summary>
    public TimeSpan ReceiverDownProbeInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Beyond this age of its oldest waiting event an active subscription makes readiness Degraded.</summary>
    public TimeSpan MaxPendingAge { get; set; } = TimeSpan.FromMinutes(15);
}
