using Participation.Domain.Cases;

namespace Participation.Host.Privacy;

/// <summary>The filters of the processing log and its export, validated: a data subject, a case, a user, a time range (<c>to</c> exclusive).</summary>
public sealed record ProcessingLogQuery(Guid? DataSubjectId, Guid? CaseId, string? User, DateTimeOffset? From, DateTimeOffset? To)
{
    public static ProcessingLogQuery Parse(Guid? dataSubjectId, Guid? caseId, string? user, DateTimeOffset? from, DateTimeOffset? to)
    {
        var errors = new Dictionary<string, string[]>();
        if (from is not null && to is not null && from > to) errors["from"] = ["must not lie after to"];
        if (user is not null && CommandValidation.HasForbiddenCharacters(user)) errors["user"] = [CommandValidation.ForbiddenCharacters];
        if (errors.Count > 0) throw new InvalidCommand(errors);
        return new ProcessingLogQuery(dataSubjectId, caseId, string.IsNullOrWhiteSpace(user) ? null : user.Trim(), from?.ToUniversalTime(), to?.ToUniversalTime());
    }

    /// <summary>The <c>where</c> clause for <paramref name="tenant"/>, its positional parameters' values added to <paramref name="values"/>.</summary>
    public string Where(string tenant, List<object> values)
    {
        var clauses = new List<string>();
        void Add(string clause, object value)
        {
            values.Add(value);
            clauses.Add(clause.Replace("@", "$" + values.Count));
        }
        Add("tenant_id = @", tenant);
        if (DataSubjectId is { } subject) Add("data_subject_id = @", subject);
        if (CaseId is { } caseId) Add("case_id = @", caseId);
        if (User is { } user) Add("user_name = @", user);
        if (From is { } from) Add("start_time >= @", from);
        if (To is { } to) Add("start_time < @", to);
        return "where " + string.Join(" and ", clauses);
    }
}
