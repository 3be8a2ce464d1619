using Participation.Domain.Cases;
using Participation.Domain.Cases.Participants;
using Xunit;
using static Participation.Domain.Tests.CaseHistory;
using static Participation.Domain.Tests.CaseSpecification;

namespace Participation.Domain.Tests.Cases.Participants;

public class RemoveParticipantTests
{
    private static readonly RemoveParticipant Valid = new("moved to another city");

    [Fact]
    public void An_active_participant_leaves() =>
        Given(WithParticipants())
            .When(state => Valid.Decide(state, ResidentId, Anna))
            .Then(new ParticipantLeft(ResidentId, "moved to another city", "anna", Now));

    [Fact]
    public void A_participant_who_left_stays_in_the_state_inactive_with_their_role()
    {
        var state = Fold([Opened(), Joined(ResidentId, ParticipantRole.Parent), Left(ResidentId)])!;

        Assert.Equal(new CaseParticipant(ParticipantRole.Parent, false), state.Participants[ResidentId]);
    }

    [Fact]
    public void Leaving_twice_is_a_no_op() =>
        Given(WithParticipants())
            .When(state => Valid.Decide(state, VolunteerId, Anna))
            .ThenNothing();

    [Fact]
    public void An_unknown_participant_is_not_found() =>
        Given(WithParticipants())
            .When(state => Valid.Decide(state, UnknownId, Anna))
            .ThenNotFound("participant", UnknownId);

    [Fact]
    public void A_closed_case_rejects_it() =>
        Given([.. WithParticipants(), Closed()])
            .When(state => Valid.Decide(state, ResidentId, Anna))
            .ThenRejected(CaseRules.CaseClosed);

    [Theory]
    [MemberData(nameof(BadText.Blank), MemberType = typeof(BadText))]
    [MemberData(nameof(BadText.Forbidden), MemberType = typeof(BadText))]
    public void Rejects_a_bad_reason(string? reason) =>
        Given(WithParticipants())
            .When(state => new RemoveParticipant(reason!).Decide(state, ResidentId, Anna))
            .ThenInvalid("reason");

    [Fact]
    public void Rejects_a_too_long_reason() =>
        Given(WithParticipants())
            .When(state => new RemoveParticipant(BadText.TooLong(4000)).Decide(state, ResidentId, Anna))
            .ThenInvalid("reason");

    [Fact]
    public void Accepts_a_reason_of_exactly_4000_characters() =>
        Given(WithParticipants())
            .When(state => new RemoveParticipant(new string('r', 4000)).Decide(state, ResidentId, Anna))
            .Then(new ParticipantLeft(ResidentId, new string('r', 4000), "anna", Now));
}
