using Participation.Domain.Cases;
using Participation.Domain.Cases.Closing;
using Xunit;
using static Participation.Domain.Tests.CaseHistory;
using static Participation.Domain.Tests.CaseSpecification;

namespace Participation.Domain.Tests.Cases.Closing;

public class CloseCaseTests
{
    [Theory]
    [InlineData(CaseOutcome.Achieved)]
    [InlineData(CaseOutcome.PartlyAchieved)]
    [InlineData(CaseOutcome.NotAchieved)]
    public void Closing_with_a_connection_is_accepted(CaseOutcome outcome) =>
        Given(InConnect())
            .When(state => new CloseCase(outcome, "cooking club runs").Decide(state, Anna))
            .Then(new CaseClosed(outcome, "cooking club runs", CasePhase.Connect, "anna", Now));

    [Theory]
    [InlineData(CaseOutcome.Achieved)]
    [InlineData(CaseOutcome.PartlyAchieved)]
    [InlineData(CaseOutcome.NotAchieved)]
    public void Closing_without_a_connection_is_rejected(CaseOutcome outcome) =>
        Given(InStrengthen())
            .When(state => new CloseCase(outcome, "cooking club runs").Decide(state, Anna))
            .ThenRejected(CaseRules.NeedsConnection);

    [Theory]
    [InlineData(CaseOutcome.Stopped)]
    [InlineData(CaseOutcome.HandedOver)]
    public void Stopping_or_handing_over_needs_no_connection(CaseOutcome outcome) =>
        Given(ReadyToStrengthen())
            .When(state => new CloseCase(outcome, "family moved").Decide(state, Anna))
            .Then(new CaseClosed(outcome, "family moved", CasePhase.Engage, "anna", Now));

    [Fact]
    public void A_closed_case_is_closed_in_the_state() =>
        Assert.Equal(CaseStatus.Closed, Fold([Opened(), Closed()])!.Status);

    [Fact]
    public void Closing_a_closed_case_is_rejected() =>
        Given([.. InConnect(), Closed(CaseOutcome.Achieved, CasePhase.Connect)])
            .When(state => new CloseCase(CaseOutcome.Achieved, "again").Decide(state, Anna))
            .ThenRejected(CaseRules.CaseClosed);

    [Fact]
    public void Rejects_an_unknown_outcome() =>
        Given(InConnect())
            .When(state => new CloseCase((CaseOutcome)42, "done").Decide(state, Anna))
            .ThenInvalid("outcome");

    [Theory]
    [MemberData(nameof(BadText.Blank), MemberType = typeof(BadText))]
    [MemberData(nameof(BadText.Forbidden), MemberType = typeof(BadText))]
    public void Rejects_a_bad_summary(string? summary) =>
        Given(InConnect())
            .When(state => new CloseCase(CaseOutcome.Achieved, summary!).Decide(state, Anna))
            .ThenInvalid("summary");

    [Fact]
    public void Rejects_a_too_long_summary_and_unknown_outcome_together() =>
        Given(InConnect())
            .When(state => new CloseCase((CaseOutcome)42, BadText.TooLong(4000)).Decide(state, Anna))
            .ThenInvalid("outcome", "summary");
}
