namespace Participation.Domain.Cases.Suspending;

/// <summary>Suspends an open case: its follow-up clocks stand still until it is resumed.</summary>
public sealed record SuspendCase(string Reason, DateOnly? Until = null)
{
    public IReadOnlyList<ICaseEvent> Decide(Case state, Stamp stamp)
    {
        new CommandValidation()
            .Text("reason", Reason, CommandValidation.LongText)
            .Check(Until is null || Until >= DateOnly.FromDateTime(stamp.At.UtcDateTime), "until", "may not lie in the past")
            .ThrowIfInvalid();
        state.EnsureOpen();
        if (state.Suspended is not null)
            throw new CaseRuleViolated(CaseRules.CaseSuspended, "The case is suspended already; resume it first.");
        return [new CaseSuspended(Reason, Until, stamp.By, stamp.At)];
    }
}
