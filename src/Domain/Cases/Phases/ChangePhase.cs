namespace Participation.Domain.Cases.Phases;

/// <summary>
/// Phases move one step forward (engage → strengthen → connect) when the case is ready for the
/// next step, or back to any earlier phase with a reason.
/// </summary>
public sealed record ChangePhase(CasePhase To, string? Reason = null)
{
    public IReadOnlyList<ICaseEvent> Decide(Case state, Stamp stamp)
    {
        new CommandValidation()
            .Defined("to", To)
            .Text("reason", Reason, CommandValidation.LongText, required: false)
            .ThrowIfInvalid();
        state.EnsureOpen();

        if (To == state.Phase) return [];
        if (To < state.Phase)
        {
            if (string.IsNullOrWhiteSpace(Reason))
                throw new CaseRuleViolated(CaseRules.ReasonRequired, "Moving a case back to an earlier phase needs a reason.");
        }
        else
        {
            if (To != state.Phase + 1)
                throw new CaseRuleViolated(CaseRules.PhaseSkipped, $"A case moves one phase at a time; from {Name(state.Phase)} the next is {Name(state.Phase + 1)}.");
            EnsureReadyFor(state, To);
        }
        return [new PhaseChanged(state.Phase, To, Reason, stamp.By, stamp.At)];
    }

    private static void EnsureReadyFor(Case state, CasePhase next)
    {
        if (next == CasePhase.Strengthen && !state.HasActiveResidentSideParticipant)
            throw new CaseRuleViolated(CaseRules.NeedsResidentParticipant,
                "Strengthen needs at least one active resident, parent, youth or volunteer participant.");
        if (next == CasePhase.Strengthen && state.ContactMoments == 0)
            throw new CaseRuleViolated(CaseRules.NeedsContactMoment, "Strengthen needs at least one contact moment.");
        if (next == CasePhase.Connect && state.Strengths == 0)
            throw new CaseRuleViolated(CaseRules.NeedsStrength, "Connect needs at least one recorded strength.");
    }

    private static string Name(CasePhase phase) => phase.ToString().ToLowerInvariant();
}
