namespace Participation.Domain.Cases.Participants;

/// <summary>A participant leaves the case; they stay in its history.</summary>
public sealed record RemoveParticipant(string Reason)
{
    public IReadOnlyList<ICaseEvent> Decide(Case state, Guid participantId, Stamp stamp)
    {
        new CommandValidation().Text("reason", Reason, CommandValidation.LongText).ThrowIfInvalid();
        state.EnsureOpen();

        if (!state.Participants.TryGetValue(participantId, out var participant))
            throw new CasePartNotFound("participant", participantId);
        return participant.Active ? [new ParticipantLeft(participantId, Reason, stamp.By, stamp.At)] : [];
    }
}
