namespace Participation.Domain.Cases.Opening;

public sealed record OpenCase(CaseDomain Domain, Neighbourhood Neighbourhood, string Title, string? Description = null, string? Goal = null)
{
    public CaseOpened Decide(Guid caseId, Stamp stamp)
    {
        var validation = new CommandValidation()
            .Defined("domain", Domain)
            .Neighbourhood("neighbourhood", Neighbourhood)
            .Text("title", Title)
            .Text("description", Description, CommandValidation.LongText, required: false)
            .Text("goal", Goal, CommandValidation.LongText, required: false);
        validation.ThrowIfInvalid();

        return new CaseOpened(caseId, Domain, Neighbourhood!, Title.Trim(), Description, Goal, stamp.By, stamp.At);
    }
}
