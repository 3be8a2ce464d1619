namespace Participation.Domain.Cases.Assigning;

public sealed record AssignCase(string Owner)
{
    public IReadOnlyList<ICaseEvent> Decide(Case state, Stamp stamp)
    {
        new CommandValidation().Text("owner", Owner).ThrowIfInvalid();
        state.EnsureOpen();

        var owner = Owner.Trim();
        return state.Owner == owner ? [] : [new CaseAssigned(owner, state.Owner, stamp.By, stamp.At)];
    }
}
