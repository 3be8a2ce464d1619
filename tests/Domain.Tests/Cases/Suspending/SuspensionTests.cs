using Participation.Domain.Cases;
using Participation.Domain.Cases.Suspending;
using Xunit;
using static Participation.Domain.Tests.CaseHistory;
using static Participation.Domain.Tests.CaseSpecification;

namespace Participation.Domain.Tests.Cases.Suspending;

public class SuspensionTests
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(Now.UtcDateTime);
    private static CaseSuspended Suspended() => new("abroad", null, "anna", Now.AddDays(-10));

    [Fact]
    public void An_open_case_is_suspended_with_its_reason_and_planned_end() =>
        Given(Opened())
            .When(state => new SuspendCase("family abroad", Today.AddDays(30)).Decide(state, Anna))
            .Then(new CaseSuspended("family abroad", Today.AddDays(30), "anna", Now));

    [Fact]
    public void A_suspended_case_is_not_suspended_again() =>
        Given(Opened(), Suspended()).When(state => new SuspendCase("again").Decide(state, Anna)).ThenRejected(CaseRules.CaseSuspended);

    [Fact]
    public void A_closed_case_is_not_suspended() =>
        Given(Opened(), Closed()).When(state => new SuspendCase("closed").Decide(state, Anna)).ThenRejected(CaseRules.CaseClosed);

    [Fact]
    public void A_suspension_needs_a_reason_and_an_end_that_has_not_passed() =>
        Given(Opened()).When(state => new SuspendCase(" ", Today.AddDays(-1)).Decide(state, Anna)).ThenInvalid("reason", "until");

    [Fact]
    public void Resuming_tells_since_when_the_case_waited() =>
        Given(Opened(), Suspended())
            .When(state => new ResumeCase("back").Decide(state, Anna))
            .Then(new CaseResumed("back", Now.AddDays(-10), "anna", Now));

    [Fact]
    public void A_running_case_is_not_resumed() =>
        Given(Opened()).When(state => new ResumeCase("back").Decide(state, Anna)).ThenRejected(CaseRules.CaseNotSuspended);

    [Fact]
    public void Resuming_and_closing_end_the_suspension_in_the_state()
    {
        var resumed = Fold([Opened(), Suspended(), new CaseResumed("back", Now.AddDays(-10), "anna", Now)])!;
        Assert.Null(resumed.Suspended);
        Assert.Equal(new Suspension(Now.AddDays(-10), null, "abroad", Now), Assert.Single(resumed.Suspensions));
        var closed = Fold([Opened(), Suspended(), Closed()])!;
        Assert.Null(closed.Suspended);
        Assert.Single(closed.Suspensions);
    }
}
