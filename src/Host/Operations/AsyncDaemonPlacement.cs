using JasperFx.Events.Daemon;

namespace Participation.Host.Operations;

/// <summary>
/// Where the async daemon runs (setting <c>Marten:Daemon</c>; ADR 7):
/// <list type="bullet">
/// <item><c>Solo</c>: this process runs every async projection (Development and tests).</item>
/// <item><c>Distributed</c>: Wolverine spreads the projections over the running nodes and moves them when a node
/// leaves (default outside Development).</item>
/// <item><c>HotCold</c>: one node, elected by a PostgreSQL advisory lock, runs them all; the others stand by.</item>
/// <item><c>Disabled</c>: this node runs none (an API-only node; projections then need another node that does).</item>
/// </list>
/// </summary>
public enum AsyncDaemonPlacement { Solo, Distributed, HotCold, Disabled }

public static class AsyncDaemonPlacements
{
    public static AsyncDaemonPlacement From(IConfiguration configuration, bool production) =>
        configuration.GetValue<AsyncDaemonPlacement?>("Marten:Daemon") ?? (production ? AsyncDaemonPlacement.Distributed : AsyncDaemonPlacement.Solo);

    /// <summary>Marten's own daemon mode; Wolverine-managed distribution must not also start Marten's (it would run every shard on every node).</summary>
    public static DaemonMode MartenMode(this AsyncDaemonPlacement placement) => placement switch
    {
        AsyncDaemonPlacement.Solo => DaemonMode.Solo,
        AsyncDaemonPlacement.HotCold => DaemonMode.HotCold,
        _ => DaemonMode.Disabled,
    };
}
