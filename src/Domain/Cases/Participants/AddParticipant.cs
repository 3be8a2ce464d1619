namespace Participation.Domain.Cases.Participants;

public sealed record AddParticipant(ParticipantRole Role, string DisplayName, ContactDetails? Contact = null, Guid? ParticipantId = null)
{
    public IReadOnlyList<ICaseEvent> Decide(Case state, Guid participantId, Stamp stamp)
    {
        var validation = new CommandValidation()
            .Id("participantId", ParticipantId)
            .Defined("role", Role)
            .Text("displayName", DisplayName);
        if (Contact is not null)
            validation
                .Text("contact.phone", Contact.Phone, 50, required: false)
                .Text("contact.email", Contact.Email, 254, required: false);
        validation.ThrowIfInvalid();
        state.EnsureOpen();

        if (state.Participants.TryGetValue(participantId, out var existing))
        {
            if (existing.Active && existing.Role == Role) return [];
            throw new CaseRuleViolated(CaseRules.ParticipantExists,
                $"Participant {participantId} already belongs to this case with another role or has left it.");
        }
        return [new ParticipantJoined(participantId, Role, DisplayName.Trim(), Contact, stamp.By, stamp.At)];
    }
}
