using Participation.Domain.Cases;
using Participation.Domain.Cases.Closing;
using Xunit;
using static Participation.Domain.Tests.CaseHistory;
using static Participation.Domain.Tests.CaseSpecification;

namespace Participation.Domain.Tests.Cases.Closing;

public class ReopenCaseTests
{
    [Fact]
    public void Reopens_a_closed_case() =>
        Given(Opened(), Closed())
            .When(state => new ReopenCase("family asked again").Decide(state, Anna))
            .Then(new CaseReopened("family asked again", "anna", Now));

    [Fact]
    public void A_reopened_case_is_open_and_keeps_its_phase_and_history()
    {
        var state = Fold([.. InConnect(), Closed(CaseOutcome.Achieved, CasePhase.Connect), Reopened()])!;

        Assert.Equal(CaseStatus.Open, state.Status);
        Assert.Equal(CasePhase.Connect, state.Phase);
        Assert.Equal(1, state.Connections);
    }

    [Fact]
    public void Reopening_an_open_case_is_a_no_op() =>
        Given(Opened())
            .When(state => new ReopenCase("just in case").Decide(state, Anna))
            .ThenNothing();

    [Fact]
    public void Reopening_a_reopened_case_is_a_no_op() =>
        Given(Opened(), Closed(), Reopened())
            .When(state => new ReopenCase("again").Decide(state, Anna))
            .ThenNothing();

    [Theory]
    [MemberData(nameof(BadText.Blank), MemberType = typeof(BadText))]
    [MemberData(nameof(BadText.Forbidden), MemberType = typeof(BadText))]
    public void Rejects_a_bad_reason(string? reason) =>
        Given(Opened(), Closed())
            .When(state => new ReopenCase(reason!).Decide(state, Anna))
            .ThenInvalid("reason");

    [Fact]
    public void Rejects_a_too_long_reason() =>
        Given(Opened(), Closed())
            .When(state => new ReopenCase(BadText.TooLong(4000)).Decide(state, Anna))
            .ThenInvalid("reason");
}
