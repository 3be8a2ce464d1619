namespace Participation.Domain.Cases.Opening;

public sealed record OpenCase(CaseDomain Domain, Neighbourhood Neighbourhood, string Title, string? Description = null, string? Goal = null)
{
    public CaseOpened Decide(Guid caseId, Stamp stamp)
    {
        var validation = new CommandValidation()
            .Defined("domain", Domain)
            .Check(Neighbourhood is not null, "neighbourhood", "is required")
            .Text("title", Title)
            .Text("description", Description, CommandValidation.LongText, required: false)
            .Text("goal", Goal, CommandValidation.LongText, required: false);
        if (Neighbourhood is not null)
            validation
                .Text("neighbourhood.code", Neighbourhood.Code, 50)
                .Text("neighbourhood.name", Neighbourhood.Name)
                .Text("neighbourhood.district", Neighbourhood.District);
        validation.ThrowIfInvalid();

        return new CaseOpened(caseId, Domain, Neighbourhood!, Title.Trim(), Description, Goal, stamp.By, stamp.At);
    }
}
