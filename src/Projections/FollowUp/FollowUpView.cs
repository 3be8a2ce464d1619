using Participation.Domain.Cases;
using Participation.Domain.FollowUp;
using Participation.Projections.Cases;

namespace Participation.Projections.FollowUp;

/// <summary>One deadline as the case state shows it (<c>followUp</c>): what it is about, when it is due and how it stands.</summary>
public sealed record FollowUpItem(FollowUpKind Kind, Guid? Ref, DateTimeOffset DueAt, Punctuality Status);

/// <summary>The running suspension as the case state shows it.</summary>
public sealed record SuspendedView(DateTimeOffset Since, DateOnly? Until, string Reason);

public static class FollowUpView
{
    /// <summary>The case's deadlines and suspension as they stand at <paramref name="now"/> under <paramref name="norms"/>.</summary>
    public static CaseDetails WithFollowUp(this CaseDetails details, Case? state, TenantNorms norms, DateTimeOffset now)
    {
        if (state is null) return details;
        details.FollowUp = Deadlines.Of(state, norms, now).Select(d => new FollowUpItem(d.Kind, d.Ref, d.DueAt, d.StatusAt(now))).ToList();
        details.Suspended = state.Suspended is { } s ? new SuspendedView(s.Since, s.PlannedUntil, s.Reason) : null;
        return details;
    }
}
