namespace Participation.Domain.Cases.Strengths;

public sealed record RecordStrength(StrengthCategory Category, string Description, Guid? ParticipantId = null)
{
    public IReadOnlyList<ICaseEvent> Decide(Case state, Guid strengthId, Stamp stamp)
    {
        new CommandValidation()
            .Id("participantId", ParticipantId)
            .Defined("category", Category)
            .Text("description", Description, CommandValidation.LongText)
            .ThrowIfInvalid();
        state.EnsureOpen();
        if (ParticipantId is { } participantId) state.EnsureActiveParticipants([participantId]);

        return [new StrengthRecorded(strengthId, ParticipantId, Category, Description, stamp.By, stamp.At)];
    }
}
