using Participation.Domain.Cases;
using Participation.Domain.Cases.Agreements;
using Xunit;
using static Participation.Domain.Tests.CaseHistory;
using static Participation.Domain.Tests.CaseSpecification;

namespace Participation.Domain.Tests.Cases.Agreements;

public class SettleAgreementTests
{
    private static readonly SettleAgreement Valid = new("went well");

    private static object[] WithOpenAgreement() => [.. WithParticipants(), Agreed(AgreementId, ResidentId)];

    [Fact]
    public void Fulfils_an_open_agreement() =>
        Given(WithOpenAgreement())
            .When(state => Valid.Decide(state, AgreementId, Settlement.Fulfil, Anna))
            .Then(new AgreementFulfilled(AgreementId, [ResidentId], "went well", "anna", Now));

    [Fact]
    public void Breaks_an_open_agreement() =>
        Given(WithOpenAgreement())
            .When(state => Valid.Decide(state, AgreementId, Settlement.Break, Anna))
            .Then(new AgreementBroken(AgreementId, [ResidentId], "went well", "anna", Now));

    [Fact]
    public void Settling_updates_the_state()
    {
        Assert.Equal(AgreementStatus.Fulfilled, Fold([.. WithOpenAgreement(), Fulfilled(AgreementId)])!.Agreements[AgreementId].Status);
        Assert.Equal(AgreementStatus.Broken, Fold([.. WithOpenAgreement(), Broken(AgreementId)])!.Agreements[AgreementId].Status);
    }

    [Fact]
    public void Fulfilling_twice_is_a_no_op() =>
        Given([.. WithOpenAgreement(), Fulfilled(AgreementId)])
            .When(state => Valid.Decide(state, AgreementId, Settlement.Fulfil, Anna))
            .ThenNothing();

    [Fact]
    public void Breaking_twice_is_a_no_op() =>
        Given([.. WithOpenAgreement(), Broken(AgreementId)])
            .When(state => Valid.Decide(state, AgreementId, Settlement.Break, Anna))
            .ThenNothing();

    [Fact]
    public void Breaking_a_fulfilled_agreement_is_rejected() =>
        Given([.. WithOpenAgreement(), Fulfilled(AgreementId)])
            .When(state => Valid.Decide(state, AgreementId, Settlement.Break, Anna))
            .ThenRejected(CaseRules.AgreementSettled);

    [Fact]
    public void Fulfilling_a_broken_agreement_is_rejected() =>
        Given([.. WithOpenAgreement(), Broken(AgreementId)])
            .When(state => Valid.Decide(state, AgreementId, Settlement.Fulfil, Anna))
            .ThenRejected(CaseRules.AgreementSettled);

    [Theory]
    [InlineData(Settlement.Fulfil)]
    [InlineData(Settlement.Break)]
    public void An_unknown_agreement_is_not_found(Settlement settlement) =>
        Given(WithOpenAgreement())
            .When(state => Valid.Decide(state, UnknownId, settlement, Anna))
            .ThenNotFound("agreement", UnknownId);

    [Fact]
    public void A_closed_case_rejects_it() =>
        Given([.. WithOpenAgreement(), Closed()])
            .When(state => Valid.Decide(state, AgreementId, Settlement.Fulfil, Anna))
            .ThenRejected(CaseRules.CaseClosed);

    [Fact]
    public void A_closed_case_rejects_it_even_when_it_would_be_a_no_op() =>
        Given([.. WithOpenAgreement(), Fulfilled(AgreementId), Closed()])
            .When(state => Valid.Decide(state, AgreementId, Settlement.Fulfil, Anna))
            .ThenRejected(CaseRules.CaseClosed);

    [Theory]
    [MemberData(nameof(BadText.Blank), MemberType = typeof(BadText))]
    [MemberData(nameof(BadText.Forbidden), MemberType = typeof(BadText))]
    public void Rejects_a_bad_note(string? note) =>
        Given(WithOpenAgreement())
            .When(state => new SettleAgreement(note!).Decide(state, AgreementId, Settlement.Fulfil, Anna))
            .ThenInvalid("note");

    [Fact]
    public void Rejects_a_too_long_note() =>
        Given(WithOpenAgreement())
            .When(state => new SettleAgreement(BadText.TooLong(4000)).Decide(state, AgreementId, Settlement.Break, Anna))
            .ThenInvalid("note");
}
