using Participation.Domain.Cases;
using Participation.Domain.Cases.Phases;
using Xunit;
using static Participation.Domain.Tests.CaseHistory;
using static Participation.Domain.Tests.CaseSpecification;

namespace Participation.Domain.Tests.Cases.Phases;

public class ChangePhaseTests
{
    private static readonly ChangePhase ToStrengthen = new(CasePhase.Strengthen);
    private static readonly ChangePhase ToConnect = new(CasePhase.Connect);

    [Theory]
    [InlineData(ParticipantRole.Resident)]
    [InlineData(ParticipantRole.Parent)]
    [InlineData(ParticipantRole.Youth)]
    [InlineData(ParticipantRole.Volunteer)]
    public void Strengthen_is_accepted_with_an_active_resident_side_participant_and_a_contact_moment(ParticipantRole role) =>
        Given(Opened(), Joined(ResidentId, role), Contacted(ResidentId))
            .When(state => ToStrengthen.Decide(state, Anna))
            .Then(new PhaseChanged(CasePhase.Engage, CasePhase.Strengthen, null, "anna", Now));

    [Fact]
    public void Strengthen_needs_a_participant() =>
        Given(Opened())
            .When(state => ToStrengthen.Decide(state, Anna))
            .ThenRejected(CaseRules.NeedsResidentParticipant);

    [Theory]
    [InlineData(ParticipantRole.Professional)]
    [InlineData(ParticipantRole.Organisation)]
    public void Strengthen_is_rejected_with_only_professional_or_organisation_participants(ParticipantRole role) =>
        Given(Opened(), Joined(ProfessionalId, role), Contacted(ProfessionalId))
            .When(state => ToStrengthen.Decide(state, Anna))
            .ThenRejected(CaseRules.NeedsResidentParticipant);

    [Fact]
    public void Strengthen_is_rejected_when_the_only_resident_side_participant_left() =>
        Given(Opened(), Joined(ResidentId), Contacted(ResidentId), Joined(ProfessionalId, ParticipantRole.Professional), Left(ResidentId))
            .When(state => ToStrengthen.Decide(state, Anna))
            .ThenRejected(CaseRules.NeedsResidentParticipant);

    [Fact]
    public void Strengthen_needs_a_contact_moment() =>
        Given(Opened(), Joined(ResidentId))
            .When(state => ToStrengthen.Decide(state, Anna))
            .ThenRejected(CaseRules.NeedsContactMoment);

    [Fact]
    public void Connect_is_accepted_with_a_strength() =>
        Given(InStrengthen())
            .When(state => ToConnect.Decide(state, Anna))
            .Then(new PhaseChanged(CasePhase.Strengthen, CasePhase.Connect, null, "anna", Now));

    [Fact]
    public void Connect_needs_a_strength() =>
        Given([.. ReadyToStrengthen(), Moved(CasePhase.Engage, CasePhase.Strengthen)])
            .When(state => ToConnect.Decide(state, Anna))
            .ThenRejected(CaseRules.NeedsStrength);

    [Fact]
    public void Skipping_a_phase_is_rejected_even_when_ready() =>
        Given([.. ReadyToStrengthen(), StrengthFound(ResidentId)])
            .When(state => ToConnect.Decide(state, Anna))
            .ThenRejected(CaseRules.PhaseSkipped);

    [Fact]
    public void Moving_forward_may_carry_a_reason() =>
        Given(ReadyToStrengthen())
            .When(state => new ChangePhase(CasePhase.Strengthen, "ready").Decide(state, Anna))
            .Then(new PhaseChanged(CasePhase.Engage, CasePhase.Strengthen, "ready", "anna", Now));

    [Fact]
    public void The_phase_is_kept_in_the_state() =>
        Assert.Equal(CasePhase.Connect, Fold(InConnect())!.Phase);

    [Fact]
    public void Changing_to_the_current_phase_in_engage_is_a_no_op() =>
        Given(Opened())
            .When(state => new ChangePhase(CasePhase.Engage).Decide(state, Anna))
            .ThenNothing();

    [Fact]
    public void Changing_to_the_current_phase_is_a_no_op_even_if_the_case_is_no_longer_ready() =>
        Given([.. ReadyToStrengthen(), Moved(CasePhase.Engage, CasePhase.Strengthen), Left(ResidentId)])
            .When(state => ToStrengthen.Decide(state, Anna))
            .ThenNothing();

    [Theory]
    [InlineData(CasePhase.Strengthen)]
    [InlineData(CasePhase.Engage)]
    public void Moving_back_with_a_reason_is_accepted_to_any_earlier_phase(CasePhase to) =>
        Given(InConnect())
            .When(state => new ChangePhase(to, "network fell through").Decide(state, Anna))
            .Then(new PhaseChanged(CasePhase.Connect, to, "network fell through", "anna", Now));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Moving_back_without_a_reason_is_rejected(string? reason) =>
        Given(InStrengthen())
            .When(state => new ChangePhase(CasePhase.Engage, reason).Decide(state, Anna))
            .ThenRejected(CaseRules.ReasonRequired);

    [Fact]
    public void A_closed_case_rejects_it() =>
        Given([.. ReadyToStrengthen(), Closed()])
            .When(state => ToStrengthen.Decide(state, Anna))
            .ThenRejected(CaseRules.CaseClosed);

    [Fact]
    public void A_closed_case_rejects_it_even_when_it_would_be_a_no_op() =>
        Given(Opened(), Closed())
            .When(state => new ChangePhase(CasePhase.Engage).Decide(state, Anna))
            .ThenRejected(CaseRules.CaseClosed);

    [Theory]
    [InlineData(42)]
    [InlineData(-1)]
    public void Rejects_an_unknown_phase(int phase) =>
        Given(ReadyToStrengthen())
            .When(state => new ChangePhase((CasePhase)phase, "because").Decide(state, Anna))
            .ThenInvalid("to");

    [Theory]
    [MemberData(nameof(BadText.Forbidden), MemberType = typeof(BadText))]
    public void Rejects_control_characters_in_the_reason(string reason) =>
        Given(InStrengthen())
            .When(state => new ChangePhase(CasePhase.Engage, reason).Decide(state, Anna))
            .ThenInvalid("reason");

    [Fact]
    public void Rejects_a_too_long_reason() =>
        Given(InStrengthen())
            .When(state => new ChangePhase(CasePhase.Engage, BadText.TooLong(4000)).Decide(state, Anna))
            .ThenInvalid("reason");
}
