namespace Participation.Domain.Cases.Agreements;

/// <summary>An agreement, often reciprocal: one party gives, and may receive something in return.</summary>
public sealed record MakeAgreement(IReadOnlyList<Guid> Parties, string Gives, string? Receives = null, DateOnly? DueOn = null)
{
    public IReadOnlyList<ICaseEvent> Decide(Case state, Guid agreementId, Stamp stamp)
    {
        new CommandValidation()
            .Ids("parties", Parties, atLeastOne: true)
            .Text("gives", Gives, CommandValidation.LongText)
            .Text("receives", Receives, CommandValidation.LongText, required: false)
            .ThrowIfInvalid();
        state.EnsureOpen();
        state.EnsureActiveParticipants(Parties);

        return [new AgreementMade(agreementId, Parties.Distinct().ToArray(), Gives, Receives, DueOn, stamp.By, stamp.At)];
    }
}
