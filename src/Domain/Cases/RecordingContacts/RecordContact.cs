namespace Participation.Domain.Cases.RecordingContacts;

public sealed record RecordContact(DateTimeOffset OccurredAt, ContactKind Kind, IReadOnlyList<Guid> ParticipantIds, string Summary)
{
    // A day of tolerance: contact moments are often entered from devices with skewed clocks or local dates.
    public IReadOnlyList<ICaseEvent> Decide(Case state, Guid contactId, Stamp stamp)
    {
        new CommandValidation()
            .Check(OccurredAt != default, "occurredAt", "is required")
            .Check(OccurredAt <= stamp.At.AddDays(1), "occurredAt", "may not lie more than a day in the future")
            .Defined("kind", Kind)
            .Ids("participantIds", ParticipantIds, atLeastOne: true)
            .Text("summary", Summary, CommandValidation.LongText)
            .ThrowIfInvalid();
        state.EnsureOpen();
        state.EnsureActiveParticipants(ParticipantIds);

        return [new ContactMomentRecorded(contactId, OccurredAt.ToUniversalTime(), Kind, ParticipantIds.Distinct().ToArray(), Summary, stamp.By, stamp.At)];
    }
}
