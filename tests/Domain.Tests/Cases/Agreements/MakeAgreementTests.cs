using Participation.Domain.Cases;
using Participation.Domain.Cases.Agreements;
using Xunit;
using static Participation.Domain.Tests.CaseHistory;
using static Participation.Domain.Tests.CaseSpecification;

namespace Participation.Domain.Tests.Cases.Agreements;

public class MakeAgreementTests
{
    private static readonly DateOnly Due = new(2025, 4, 1);

    private static MakeAgreement Valid(params Guid[] parties) => new(parties, "cooks for the street party", "help with the garden", Due);

    [Fact]
    public void Makes_a_reciprocal_agreement_between_active_participants() =>
        Given(WithParticipants())
            .When(state => Valid(ResidentId, ProfessionalId).Decide(state, AgreementId, Anna))
            .Then(new AgreementMade(AgreementId, [ResidentId, ProfessionalId], "cooks for the street party", "help with the garden", Due, "anna", Now));

    [Fact]
    public void Receives_and_due_date_are_optional_and_duplicate_parties_collapse() =>
        Given(WithParticipants())
            .When(state => new MakeAgreement([ResidentId, ResidentId], "cooks").Decide(state, AgreementId, Anna))
            .Then(new AgreementMade(AgreementId, [ResidentId], "cooks", null, null, "anna", Now));

    [Fact]
    public void A_made_agreement_is_open_in_the_state() =>
        Assert.Equal(AgreementStatus.Open, Fold([.. WithParticipants(), Agreed(AgreementId, ResidentId)])!.Agreements[AgreementId].Status);

    [Fact]
    public void An_unknown_party_is_rejected() =>
        Given(WithParticipants())
            .When(state => Valid(ResidentId, UnknownId).Decide(state, AgreementId, Anna))
            .ThenRejected(CaseRules.UnknownParticipant);

    [Fact]
    public void A_party_who_left_is_rejected() =>
        Given(WithParticipants())
            .When(state => Valid(ResidentId, VolunteerId).Decide(state, AgreementId, Anna))
            .ThenRejected(CaseRules.InactiveParticipant);

    [Fact]
    public void A_closed_case_rejects_it() =>
        Given([.. WithParticipants(), Closed()])
            .When(state => Valid(ResidentId).Decide(state, AgreementId, Anna))
            .ThenRejected(CaseRules.CaseClosed);

    [Fact]
    public void Needs_at_least_one_party() =>
        Given(WithParticipants())
            .When(state => Valid().Decide(state, AgreementId, Anna))
            .ThenInvalid("parties");

    [Fact]
    public void Rejects_missing_parties() =>
        Given(WithParticipants())
            .When(state => (Valid() with { Parties = null! }).Decide(state, AgreementId, Anna))
            .ThenInvalid("parties");

    [Fact]
    public void Rejects_the_empty_party_id() =>
        Given(WithParticipants())
            .When(state => Valid(ResidentId, Guid.Empty).Decide(state, AgreementId, Anna))
            .ThenInvalid("parties");

    [Theory]
    [MemberData(nameof(BadText.Blank), MemberType = typeof(BadText))]
    [MemberData(nameof(BadText.Forbidden), MemberType = typeof(BadText))]
    public void Rejects_bad_gives(string? gives) =>
        Given(WithParticipants())
            .When(state => (Valid(ResidentId) with { Gives = gives! }).Decide(state, AgreementId, Anna))
            .ThenInvalid("gives");

    [Theory]
    [MemberData(nameof(BadText.Forbidden), MemberType = typeof(BadText))]
    public void Rejects_control_characters_in_receives(string receives) =>
        Given(WithParticipants())
            .When(state => (Valid(ResidentId) with { Receives = receives }).Decide(state, AgreementId, Anna))
            .ThenInvalid("receives");

    [Fact]
    public void Rejects_too_long_gives_and_receives() =>
        Given(WithParticipants())
            .When(state => (Valid(ResidentId) with { Gives = BadText.TooLong(4000), Receives = BadText.TooLong(4000) }).Decide(state, AgreementId, Anna))
            .ThenInvalid("gives", "receives");
}
