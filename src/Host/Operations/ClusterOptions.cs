using Microsoft.Extensions.Options;
using Wolverine;

namespace Participation.Host.Operations;

/// <summary>
/// How the nodes on one database notice that one of them died and take over its work (ADR 15), bound from the
/// <c>Cluster</c> section onto Wolverine's settings of the same names. Every node writes a heartbeat and checks the
/// others' every <see cref="HealthCheckPollingTime"/>; a node whose heartbeat is older than <see cref="StaleNodeTimeout"/>
/// counts as dead: on that check the leader hands its async projections and the notification fan-out to the others,
/// and on the next one its durable messages (the notification deliveries) are released to them. The defaults fail a
/// dead node over within 15 s; Wolverine's own (10 s, 1 min) take over a minute.
/// </summary>
public sealed class ClusterOptions
{
    public const string Section = "Cluster";

    /// <summary>How often each node writes its heartbeat and checks the others'; the leader reassigns agents on the same tick.</summary>
    public TimeSpan HealthCheckPollingTime { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How old a node's heartbeat may be before the others take its work over.</summary>
    public TimeSpan StaleNodeTimeout { get; set; } = TimeSpan.FromSeconds(6);

    /// <summary>How long a starting node waits before its first heartbeat and check, so a new node takes its share soon.</summary>
    public TimeSpan FirstHealthCheckExecution { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>An agent assignment that its node has not confirmed after twice this is made again.</summary>
    public TimeSpan CheckAssignmentPeriod { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The configured settings; a node that would eject live peers or never start its checks refuses to start, naming the setting.</summary>
    public static ClusterOptions From(IConfiguration configuration)
    {
        var options = configuration.GetSection(Section).Get<ClusterOptions>() ?? new ClusterOptions();
        var problems = options.Problems().ToList();
        return problems.Count == 0 ? options : throw new OptionsValidationException(Section, typeof(ClusterOptions), problems);
    }

    public void ApplyTo(DurabilitySettings durability)
    {
        durability.HealthCheckPollingTime = HealthCheckPollingTime;
        durability.StaleNodeTimeout = StaleNodeTimeout;
        durability.FirstHealthCheckExecution = FirstHealthCheckExecution;
        durability.CheckAssignmentPeriod = CheckAssignmentPeriod;
    }

    private IEnumerable<string> Problems()
    {
        const string at = Section + ":";
        if (HealthCheckPollingTime <= TimeSpan.Zero) yield return $"{at}HealthCheckPollingTime must be a positive duration, e.g. 00:00:02.";
        if (FirstHealthCheckExecution < TimeSpan.Zero) yield return $"{at}FirstHealthCheckExecution must not be negative.";
        if (CheckAssignmentPeriod <= TimeSpan.Zero) yield return $"{at}CheckAssignmentPeriod must be a positive duration, e.g. 00:00:10.";
        // Two heartbeats in a row may be late (a busy node, a slow database) before the others take over its work.
        if (StaleNodeTimeout < HealthCheckPollingTime * 3)
            yield return $"{at}StaleNodeTimeout must be at least 3 × {at}HealthCheckPollingTime ({HealthCheckPollingTime * 3}).";
        // A starting node is registered with a heartbeat; its next one must come before the others think it dead.
        if (FirstHealthCheckExecution >= StaleNodeTimeout) yield return $"{at}FirstHealthCheckExecution must be shorter than {at}StaleNodeTimeout.";
    }
}
