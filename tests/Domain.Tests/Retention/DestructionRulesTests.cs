using Participation.Domain.Cases;
using Participation.Domain.Retention;
using Xunit;

namespace Participation.Domain.Tests.Retention;

public sealed class DestructionRulesTests
{
    private static readonly DateTimeOffset Now = new(2034, 6, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly Neighbourhood Hood = new("E38", "Slotermeer-Noordoost", "Nieuw-West");

    private static RetentionPeriod Periods(CaseDomain domain) => domain == CaseDomain.Jeugdzorg ? new(20, 0, 0) : new(7, 0, 0);

    private static DestructionList Proposed(params Guid[] cases) => DestructionList.Evolve(null, new DestructionListProposed(Guid.NewGuid(),
        cases.Select(c => new DestructionItem(c, CaseDomain.Sport, Hood, Now.AddYears(-8), CaseOutcome.Stopped, DateOnly.FromDateTime(Now.AddYears(-1).UtcDateTime))).ToList(),
        "anna", Now));

    [Fact]
    public void Only_cases_whose_period_has_passed_are_due_oldest_closing_first()
    {
        ClosedCase Closed(CaseDomain domain, int yearsAgo) => new(Guid.NewGuid(), domain, Hood, Now.AddYears(-yearsAgo), CaseOutcome.Achieved);
        var (old, older, young, youthCare) = (Closed(CaseDomain.Sport, 7), Closed(CaseDomain.Ouderparticipatie, 9), Closed(CaseDomain.Sport, 6), Closed(CaseDomain.Jeugdzorg, 19));

        var due = DestructionRules.Due([old, young, youthCare, older], Periods, Now);

        Assert.Equal([older.CaseId, old.CaseId], due.Select(d => d.CaseId));
        Assert.Equal(DateOnly.FromDateTime(Now.UtcDateTime), due[1].RetentionEndedOn);
    }

    [Fact]
    public void The_author_cannot_approve_and_a_second_person_can()
    {
        var list = Proposed(Guid.NewGuid());

        var refused = Assert.Throws<DestructionRuleViolated>(() => DestructionRules.Approve(list, "anna", Now).ToList());
        Assert.Equal((DestructionRules.FourEyes, true), (refused.Code, refused.Forbidden));
        Assert.IsType<DestructionListApproved>(Assert.Single(DestructionRules.Approve(list, "piet", Now)));
    }

    [Fact]
    public void Excluding_keeps_a_case_once_and_only_while_the_list_is_proposed()
    {
        var (kept, other) = (Guid.NewGuid(), Guid.NewGuid());
        var list = Proposed(kept, other);

        var excluded = DestructionRules.Exclude(list, kept, "Bezwaar", "anna", Now).Aggregate(list, DestructionList.Evolve);

        Assert.Empty(DestructionRules.Exclude(excluded, kept, "Bezwaar", "anna", Now));
        Assert.Equal([other], excluded.Pending.Select(p => p.CaseId));
        Assert.Equal(DestructionRules.NotOnList, Assert.Throws<DestructionRuleViolated>(() => DestructionRules.Exclude(list, Guid.NewGuid(), "x", "anna", Now).ToList()).Code);
        var approved = DestructionRules.Approve(excluded, "piet", Now).Aggregate(excluded, DestructionList.Evolve);
        Assert.Equal(DestructionRules.NotProposed, Assert.Throws<DestructionRuleViolated>(() => DestructionRules.Exclude(approved, other, "x", "anna", Now).ToList()).Code);
    }

    [Fact]
    public void A_list_with_every_case_excluded_is_done_when_approved()
    {
        var only = Guid.NewGuid();
        var proposed = Proposed(only);
        var list = DestructionRules.Exclude(proposed, only, "Bezwaar", "anna", Now).Aggregate(proposed, DestructionList.Evolve);

        var done = DestructionRules.Approve(list, "piet", Now).Aggregate(list, DestructionList.Evolve);

        Assert.Equal(DestructionStatus.Destroyed, done.Status);
    }
}
