using Alba;
using JasperFx.Events.Daemon;

namespace Participation.Host.Tests.Support;

/// <summary>
/// Runs an operator's command (a rebuild, say) with the fixture host's async daemon paused, as an operator stops the nodes'
/// daemons first: two daemons on one projection trip over each other's progress, and the node's would stay stopped after.
/// </summary>
public static class DaemonPause
{
    public static async Task<T> WhileAsync<T>(IAlbaHost host, Func<Task<T>> operation)
    {
        var coordinator = host.Services.GetRequiredService<IProjectionCoordinator>();
        await coordinator.PauseAsync();
        try
        {
            return await operation();
        }
        finally
        {
            await coordinator.ResumeAsync();
        }
    }
}
