namespace Participation.Domain.Cases.Participants;

/// <summary>
/// Erase a participant's personal data (AVG right to erasure). Allowed on closed cases too: the
/// right does not wait for a case to reopen. The participant leaves the case if still active.
/// </summary>
public static class EraseParticipant
{
    public const string LeaveReason = "Personal data erased";

    public static IReadOnlyList<ICaseEvent> Decide(Case state, Guid participantId, Stamp stamp)
    {
        if (!state.Participants.TryGetValue(participantId, out var participant))
            throw new CasePartNotFound("participant", participantId);
        if (participant.Erased) return [];

        return participant.Active
            ? [new ParticipantLeft(participantId, LeaveReason, stamp.By, stamp.At), new ParticipantErased(participantId, stamp.By, stamp.At)]
            : [new ParticipantErased(participantId, stamp.By, stamp.At)];
    }
}
