using Participation.Domain.Cases;
using Participation.Domain.Cases.Strengths;
using Xunit;
using static Participation.Domain.Tests.CaseHistory;
using static Participation.Domain.Tests.CaseSpecification;

namespace Participation.Domain.Tests.Cases.Strengths;

public class RecordStrengthTests
{
    private static RecordStrength Valid(Guid? participantId = null) => new(StrengthCategory.Knowledge, "knows everyone in the street", participantId);

    [Fact]
    public void Records_a_strength_of_the_case() =>
        Given(WithParticipants())
            .When(state => Valid().Decide(state, StrengthId, Anna))
            .Then(new StrengthRecorded(StrengthId, null, StrengthCategory.Knowledge, "knows everyone in the street", "anna", Now));

    [Fact]
    public void Records_a_strength_of_an_active_participant() =>
        Given(WithParticipants())
            .When(state => Valid(ResidentId).Decide(state, StrengthId, Anna))
            .Then(new StrengthRecorded(StrengthId, ResidentId, StrengthCategory.Knowledge, "knows everyone in the street", "anna", Now));

    [Fact]
    public void Counts_strengths_in_the_state() =>
        Assert.Equal(2, Fold([.. WithParticipants(), StrengthFound(), StrengthFound(ResidentId)])!.Strengths);

    [Fact]
    public void An_unknown_participant_is_rejected() =>
        Given(WithParticipants())
            .When(state => Valid(UnknownId).Decide(state, StrengthId, Anna))
            .ThenRejected(CaseRules.UnknownParticipant);

    [Fact]
    public void A_participant_who_left_is_rejected() =>
        Given(WithParticipants())
            .When(state => Valid(VolunteerId).Decide(state, StrengthId, Anna))
            .ThenRejected(CaseRules.InactiveParticipant);

    [Fact]
    public void A_closed_case_rejects_it() =>
        Given([.. WithParticipants(), Closed()])
            .When(state => Valid().Decide(state, StrengthId, Anna))
            .ThenRejected(CaseRules.CaseClosed);

    [Fact]
    public void Rejects_the_empty_participant_id() =>
        Given(WithParticipants())
            .When(state => Valid(Guid.Empty).Decide(state, StrengthId, Anna))
            .ThenInvalid("participantId");

    [Fact]
    public void Rejects_an_unknown_category() =>
        Given(WithParticipants())
            .When(state => (Valid() with { Category = (StrengthCategory)42 }).Decide(state, StrengthId, Anna))
            .ThenInvalid("category");

    [Theory]
    [MemberData(nameof(BadText.Blank), MemberType = typeof(BadText))]
    [MemberData(nameof(BadText.Forbidden), MemberType = typeof(BadText))]
    public void Rejects_a_bad_description(string? description) =>
        Given(WithParticipants())
            .When(state => (Valid() with { Description = description! }).Decide(state, StrengthId, Anna))
            .ThenInvalid("description");

    [Fact]
    public void Rejects_a_too_long_description() =>
        Given(WithParticipants())
            .When(state => (Valid() with { Description = BadText.TooLong(4000) }).Decide(state, StrengthId, Anna))
            .ThenInvalid("description");
}
