namespace Participation.Domain.Cases.Closing;

public sealed record CloseCase(CaseOutcome Outcome, string Summary)
{
    public IReadOnlyList<ICaseEvent> Decide(Case state, Stamp stamp)
    {
        new CommandValidation()
            .Defined("outcome", Outcome)
            .Text("summary", Summary, CommandValidation.LongText)
            .ThrowIfInvalid();
        state.EnsureOpen();

        var needsConnection = Outcome is not (CaseOutcome.Stopped or CaseOutcome.HandedOver);
        if (needsConnection && state.Connections == 0)
            throw new CaseRuleViolated(CaseRules.NeedsConnection,
                "Closing with this outcome needs at least one connection to a network; a case without one can be stopped or handed over.");

        return [new CaseClosed(Outcome, Summary, state.Phase, stamp.By, stamp.At)];
    }
}
