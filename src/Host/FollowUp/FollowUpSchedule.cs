using Marten;
using Participation.Domain.Cases;
using Participation.Domain.FollowUp;
using Participation.Projections.FollowUp;

namespace Participation.Host.FollowUp;

/// <summary>
/// Keeps each case's <see cref="CaseFollowUp"/> (its deadlines and its timer) in step with the case and the tenant's norms:
/// written in the transaction that changes either, so a deadline that moves is rescheduled with the change that moved it.
/// </summary>
public static class FollowUpSchedule
{
    public static async Task<TenantNorms> NormsAsync(this IQuerySession session, CancellationToken cancellation) =>
        (await session.LoadAsync<NormsState>(NormsStream.IdOf(session.TenantId), cancellation))?.Norms ?? TenantNorms.Default;

    /// <summary>Stores the follow-up of the case as <paramref name="state"/> has it, under the tenant's norms in force.</summary>
    public static async Task ScheduleAsync(this IDocumentSession session, Case state, DateTimeOffset now, CancellationToken cancellation) =>
        session.Schedule(state, await session.NormsAsync(cancellation), now);

    /// <summary>Stores the follow-up of the case as <paramref name="state"/> has it, under <paramref name="norms"/> (read in the command's batch).</summary>
    public static void Schedule(this IDocumentSession session, Case state, TenantNorms norms, DateTimeOffset now) =>
        session.StoreFollowUp(CaseFollowUp.Of(state, norms, now));

    /// <summary>The norms changed: every open case of the tenant gets its deadlines and timer anew (closed ones have none).</summary>
    public static async Task RescheduleTenantAsync(this IDocumentSession session, TenantNorms norms, DateTimeOffset now, CancellationToken cancellation)
    {
        var open = await session.Query<Case>().Where(c => c.Status == CaseStatus.Open).ToListAsync(cancellation);
        foreach (var state in open) session.StoreFollowUp(CaseFollowUp.Of(state, norms, now));
    }
}
