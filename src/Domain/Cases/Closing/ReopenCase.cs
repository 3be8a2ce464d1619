namespace Participation.Domain.Cases.Closing;

public sealed record ReopenCase(string Reason)
{
    public IReadOnlyList<ICaseEvent> Decide(Case state, Stamp stamp)
    {
        new CommandValidation().Text("reason", Reason, CommandValidation.LongText).ThrowIfInvalid();
        return state.Status == CaseStatus.Open ? [] : [new CaseReopened(Reason, stamp.By, stamp.At)];
    }
}
