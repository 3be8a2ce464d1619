namespace Participation.Domain.Cases;

/// <summary>Rules shared by several case decisions; each broken rule has a stable code.</summary>
public static class CaseRules
{
    public const string CaseClosed = "case-closed";
    public const string UnknownParticipant = "unknown-participant";
    public const string InactiveParticipant = "participant-inactive";
    public const string ParticipantExists = "participant-exists";
    public const string AgreementSettled = "agreement-settled";
    public const string PhaseSkipped = "phase-skipped";
    public const string ReasonRequired = "reason-required";
    public const string NeedsResidentParticipant = "needs-resident-participant";
    public const string NeedsContactMoment = "needs-contact-moment";
    public const string NeedsStrength = "needs-strength";
    public const string NeedsConnection = "needs-connection";
    public const string NotMeasurable = "participant-not-measurable";
    public const string CaseSuspended = "case-suspended";
    public const string CaseNotSuspended = "case-not-suspended";

    public static void EnsureOpen(this Case state)
    {
        if (state.Status == CaseStatus.Closed)
            throw new CaseRuleViolated(CaseClosed, "The case is closed; only reopen is accepted.");
    }

    /// <summary>Every id must name a participant of the case who has not left.</summary>
    public static void EnsureActiveParticipants(this Case state, IEnumerable<Guid> participantIds)
    {
        foreach (var id in participantIds)
        {
            if (!state.Participants.TryGetValue(id, out var participant))
                throw new CaseRuleViolated(UnknownParticipant, $"Participant {id} is not part of this case.");
            if (!participant.Active)
                throw new CaseRuleViolated(InactiveParticipant, $"Participant {id} has left this case.");
        }
    }
}
