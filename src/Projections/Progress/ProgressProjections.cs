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
        options.Projections.Add(new CaseProgressProjection(), ProjectionLifecycle.Async);
        options.Projections.Add(new NetworkReachProjection(), ProjectionLifecycle.Async);
        return options;
    }
}
