namespace Participation.Domain.Retention;

/// <summary>A destruction list's rule that refuses a request, with a stable code for clients.</summary>
public sealed class DestructionRuleViolated(string code, string message, bool forbidden = false) : Exception(message)
{
    public string Code { get; } = code;

    /// <summary>The rule is about who asks (four-eyes), not the list's state: 403 rather than 409.</summary>
    public bool Forbidden { get; } = forbidden;
}

/// <summary>Pure decisions on a destruction list: which cases are due, exclusion, four-eyes approval, the end of the work.</summary>
public static class DestructionRules
{
    public const string NotProposed = "list-not-proposed";
    public const string FourEyes = "four-eyes";
    public const string NotOnList = "case-not-on-list";
    public const string NothingDue = "nothing-due";
    public const int MaxReasonLength = 2000;

    /// <summary>The closed cases whose retention has passed at <paramref name="now"/>, oldest closing first.</summary>
    public static IReadOnlyList<DestructionItem> Due(IEnumerable<ClosedCase> closed, Func<Cases.CaseDomain, RetentionPeriod> periods, DateTimeOffset now) =>
        closed.Where(c => periods(c.Domain).HasPassed(c.ClosedAt, now))
            .OrderBy(c => c.ClosedAt).ThenBy(c => c.CaseId)
            .Select(c => new DestructionItem(c.CaseId, c.Domain, c.Neighbourhood, c.ClosedAt, c.Outcome,
                DateOnly.FromDateTime(periods(c.Domain).EndOf(c.ClosedAt).UtcDateTime)))
            .ToList();

    public static IEnumerable<object> Exclude(DestructionList list, Guid caseId, string reason, string by, DateTimeOffset now)
    {
        if (list.Status != DestructionStatus.Proposed)
            throw new DestructionRuleViolated(NotProposed, $"The list is {list.Status.ToString().ToLowerInvariant()}: only a proposed list's cases can be excluded.");
        var listed = list.Cases.Find(c => c.Item.CaseId == caseId)
            ?? throw new DestructionRuleViolated(NotOnList, $"Case {caseId} is not on this list.");
        // Excluding again asks for what is already so: nothing to record.
        if (listed.Status == DestructionItemStatus.Excluded) return [];
        return [new DestructionItemExcluded(caseId, reason, by, now)];
    }

    /// <summary>Four-eyes: the list's author cannot approve it; a second admin or auditor must.</summary>
    public static IEnumerable<object> Approve(DestructionList list, string by, DateTimeOffset now)
    {
        if (string.Equals(list.Author, by, StringComparison.Ordinal))
            throw new DestructionRuleViolated(FourEyes, "The author of a destruction list cannot approve it: another admin or auditor must (four-eyes).", forbidden: true);
        if (list.Status != DestructionStatus.Proposed)
            throw new DestructionRuleViolated(NotProposed, $"The list is {list.Status.ToString().ToLowerInvariant()}: only a proposed list can be approved.");
        return list.Pending.Any()
            ? [new DestructionListApproved(by, now)]
            : [new DestructionListApproved(by, now), new DestructionListCompleted(now)];
    }
}

/// <summary>A closed case as the proposal reads it.</summary>
public sealed record ClosedCase(Guid CaseId, Cases.CaseDomain Domain, Cases.Neighbourhood Neighbourhood, DateTimeOffset ClosedAt, Cases.CaseOutcome? Outcome);
