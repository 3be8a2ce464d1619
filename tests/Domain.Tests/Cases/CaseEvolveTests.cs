using Participation.Domain.Cases;
using Xunit;
using static Participation.Domain.Tests.CaseHistory;
using static Participation.Domain.Tests.CaseSpecification;

namespace Participation.Domain.Tests.Cases;

public class CaseEvolveTests
{
    private static readonly Guid SecondAgreementId = Guid.Parse("b0000000-0000-0000-0000-000000000005");

    private sealed record SomethingElse;

    [Fact]
    public void A_full_history_folds_to_the_expected_state()
    {
        var state = Fold(
        [
            Opened(),
            Assigned("bram"),
            Joined(ResidentId),
            Joined(ProfessionalId, ParticipantRole.Professional),
            Joined(VolunteerId, ParticipantRole.Volunteer),
            Contacted(ResidentId),
            Contacted(ResidentId, ProfessionalId),
            Moved(CasePhase.Engage, CasePhase.Strengthen),
            StrengthFound(ResidentId),
            StrengthFound(),
            StrengthFound(VolunteerId),
            Moved(CasePhase.Strengthen, CasePhase.Connect),
            Connected(ResidentId),
            Agreed(AgreementId, ResidentId, VolunteerId),
            Agreed(SecondAgreementId, ResidentId),
            Fulfilled(AgreementId),
            Broken(SecondAgreementId),
            Left(VolunteerId),
            Assigned("carla", "bram"),
            Closed(CaseOutcome.Achieved, CasePhase.Connect),
        ])!;

        Assert.Equal(CaseId, state.Id);
        Assert.Equal(CaseStatus.Closed, state.Status);
        Assert.Equal(CasePhase.Connect, state.Phase);
        Assert.Equal("carla", state.Owner);
        Assert.Equal(2, state.ContactMoments);
        Assert.Equal(3, state.Strengths);
        Assert.Equal(1, state.Connections);
        Assert.Equal(
            new Dictionary<Guid, CaseParticipant>
            {
                [ResidentId] = new(ParticipantRole.Resident, true),
                [ProfessionalId] = new(ParticipantRole.Professional, true),
                [VolunteerId] = new(ParticipantRole.Volunteer, false),
            }.OrderBy(p => p.Key),
            state.Participants.OrderBy(p => p.Key));
        Assert.Equal(
            new Dictionary<Guid, AgreementStatus> { [AgreementId] = AgreementStatus.Fulfilled, [SecondAgreementId] = AgreementStatus.Broken }.OrderBy(a => a.Key),
            state.Agreements.Select(a => KeyValuePair.Create(a.Key, a.Value.Status)).OrderBy(a => a.Key));
        Assert.True(state.HasActiveResidentSideParticipant);
    }

    [Fact]
    public void Evolving_does_not_change_the_earlier_state()
    {
        var before = Fold([Opened(), Joined(ResidentId)])!;

        var after = Case.Evolve(before, Left(ResidentId));

        Assert.True(before.Participants[ResidentId].Active);
        Assert.False(after.Participants[ResidentId].Active);
    }

    [Fact]
    public void An_unknown_event_throws()
    {
        var state = Fold([Opened()]);

        var error = Assert.Throws<InvalidOperationException>(() => Case.Evolve(state, new SomethingElse()));
        Assert.Contains(nameof(SomethingElse), error.Message);
    }

    [Theory]
    [MemberData(nameof(NotAStart))]
    public void A_stream_must_start_with_case_opened(object first) =>
        Assert.Throws<InvalidOperationException>(() => Case.Evolve(null, first));

    public static TheoryData<object> NotAStart => new()
    {
        Joined(ResidentId),
        Assigned("bram"),
        Moved(CasePhase.Engage, CasePhase.Strengthen),
        Closed(),
        Reopened(),
        new SomethingElse(),
    };

    [Fact]
    public void Only_resident_side_roles_count_as_resident_side()
    {
        Assert.False(Fold([Opened(), Joined(ProfessionalId, ParticipantRole.Professional), Joined(VolunteerId, ParticipantRole.Organisation)])!.HasActiveResidentSideParticipant);
        Assert.True(Fold([Opened(), Joined(ResidentId, ParticipantRole.Youth)])!.HasActiveResidentSideParticipant);
    }
}
