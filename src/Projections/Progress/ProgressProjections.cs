using JasperFx.Events.Projections;
using Marten;

namespace Participation.Projections.Progress;

public static class ProgressProjections
{
    /// <summary>
    /// The read models behind the programme manager's figures, kept by the async daemon (not in the
    /// command's transaction): per case <see cref="CaseProgress"/>, per network <see cref="NetworkReach"/>.
    /// </summary>
    public static StoreOptions AddProgressProjections(this StoreOptions options)
    {
        // The daemon looks for new events every 250 ms when idle (Marten's default is a second): figures
        // trail commands by about 0.1 s instead of 0.5 s, for one small query four times a second (ADR 7).
        options.Projections.SlowPollingTime = TimeSpan.FromMilliseconds(250);
        options.Projections.FastPollingTime = TimeSpan.FromMilliseconds(100);
        options.Projections.Add(new CaseProgressProjection(), ProjectionLifecycle.Async);
        options.Projections.Add(new NetworkReachProjection(), ProjectionLifecycle.Async);
        return options;
    }
}
