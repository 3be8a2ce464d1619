using Participation.Domain.Cases;
using Participation.Domain.Cases.Participants;
using Xunit;
using static Participation.Domain.Tests.CaseHistory;
using static Participation.Domain.Tests.CaseSpecification;

namespace Participation.Domain.Tests.Cases.Participants;

public sealed class EraseParticipantTests
{
    [Fact]
    public void Erasing_an_active_participant_makes_them_leave_and_records_the_erasure()
    {
        Given(Opened(), Joined(ResidentId, ParticipantRole.Parent))
            .When(state => EraseParticipant.Decide(state, ResidentId, Anna))
            .Then(new ParticipantLeft(ResidentId, EraseParticipant.LeaveReason, "anna", Now),
                  new ParticipantErased(ResidentId, "anna", Now));
    }

    [Fact]
    public void Erasing_a_participant_who_left_only_records_the_erasure()
    {
        Given(Opened(), Joined(ResidentId, ParticipantRole.Parent), new ParticipantLeft(ResidentId, "moved", "anna", Now))
            .When(state => EraseParticipant.Decide(state, ResidentId, Anna))
            .Then(new ParticipantErased(ResidentId, "anna", Now));
    }

    [Fact]
    public void Erasing_twice_changes_nothing()
    {
        Given(Opened(), Joined(ResidentId, ParticipantRole.Parent), new ParticipantErased(ResidentId, "anna", Now))
            .When(state => EraseParticipant.Decide(state, ResidentId, Anna))
            .ThenNothing();
    }

    [Fact]
    public void Erasure_is_allowed_on_a_closed_case()
    {
        Given(Opened(), Joined(ResidentId, ParticipantRole.Parent), Closed())
            .When(state => EraseParticipant.Decide(state, ResidentId, Anna))
            .Then(new ParticipantLeft(ResidentId, EraseParticipant.LeaveReason, "anna", Now),
                  new ParticipantErased(ResidentId, "anna", Now));
    }

    [Fact]
    public void Erasing_an_unknown_participant_is_not_found()
    {
        Given(Opened())
            .When(state => EraseParticipant.Decide(state, ResidentId, Anna))
            .ThenNotFound("participant", ResidentId);
    }

    [Fact]
    public void An_erased_participant_can_take_no_further_part()
    {
        var state = Fold([Opened(), Joined(ResidentId, ParticipantRole.Parent), new ParticipantErased(ResidentId, "anna", Now)])!;

        Assert.Equal(new CaseParticipant(ParticipantRole.Parent, false, true), state.Participants[ResidentId]);
        Assert.False(state.HasActiveResidentSideParticipant);
    }
}
