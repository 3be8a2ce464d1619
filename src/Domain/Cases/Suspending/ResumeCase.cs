namespace Participation.Domain.Cases.Suspending;

/// <summary>Resumes a suspended case: its clocks run again, every deadline moved by the time it waited.</summary>
public sealed record ResumeCase(string Note)
{
    public IReadOnlyList<ICaseEvent> Decide(Case state, Stamp stamp)
    {
        new CommandValidation().Text("note", Note, CommandValidation.LongText).ThrowIfInvalid();
        state.EnsureOpen();
        if (state.Suspended is not { } running)
            throw new CaseRuleViolated(CaseRules.CaseNotSuspended, "The case is not suspended.");
        return [new CaseResumed(Note, running.Since, stamp.By, stamp.At)];
    }
}
