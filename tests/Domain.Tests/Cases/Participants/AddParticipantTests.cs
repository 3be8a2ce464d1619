using Participation.Domain.Cases;
using Participation.Domain.Cases.Participants;
using Xunit;
using static Participation.Domain.Tests.CaseHistory;
using static Participation.Domain.Tests.CaseSpecification;

namespace Participation.Domain.Tests.Cases.Participants;

public class AddParticipantTests
{
    private static readonly Guid NewId = Guid.Parse("a0000000-0000-0000-0000-000000000010");
    private static readonly ContactDetails Contact = new("+31 6 12345678", "sanne@example.org");

    private static AddParticipant Valid(ParticipantRole role = ParticipantRole.Volunteer) => new(role, "Sanne", Contact);

    [Theory]
    [InlineData(ParticipantRole.Resident)]
    [InlineData(ParticipantRole.Parent)]
    [InlineData(ParticipantRole.Youth)]
    [InlineData(ParticipantRole.Volunteer)]
    [InlineData(ParticipantRole.Professional)]
    [InlineData(ParticipantRole.Organisation)]
    public void Adds_a_participant_in_any_role(ParticipantRole role) =>
        Given(Opened())
            .When(state => Valid(role).Decide(state, NewId, Anna))
            .Then(new ParticipantJoined(NewId, role, "Sanne", Contact, "anna", Now));

    [Fact]
    public void Trims_the_display_name_and_contact_is_optional() =>
        Given(Opened())
            .When(state => new AddParticipant(ParticipantRole.Parent, "  Sanne  ").Decide(state, NewId, Anna))
            .Then(new ParticipantJoined(NewId, ParticipantRole.Parent, "Sanne", null, "anna", Now));

    [Fact]
    public void Joined_participant_is_active_in_the_state()
    {
        var state = Fold([Opened(), .. Valid().Decide(Fold([Opened()])!, NewId, Anna)])!;

        Assert.Equal(new CaseParticipant(ParticipantRole.Volunteer, true), state.Participants[NewId]);
    }

    [Fact]
    public void Adding_the_same_participant_again_with_the_same_role_is_a_no_op() =>
        Given(Opened(), Joined(NewId, ParticipantRole.Volunteer))
            .When(state => Valid(ParticipantRole.Volunteer).Decide(state, NewId, Anna))
            .ThenNothing();

    [Fact]
    public void Adding_the_same_participant_with_another_role_is_rejected() =>
        Given(Opened(), Joined(NewId, ParticipantRole.Volunteer))
            .When(state => Valid(ParticipantRole.Resident).Decide(state, NewId, Anna))
            .ThenRejected(CaseRules.ParticipantExists);

    [Fact]
    public void Adding_a_participant_who_left_is_rejected() =>
        Given(Opened(), Joined(NewId, ParticipantRole.Volunteer), Left(NewId))
            .When(state => Valid(ParticipantRole.Volunteer).Decide(state, NewId, Anna))
            .ThenRejected(CaseRules.ParticipantExists);

    [Fact]
    public void A_closed_case_rejects_it() =>
        Given(Opened(), Closed())
            .When(state => Valid().Decide(state, NewId, Anna))
            .ThenRejected(CaseRules.CaseClosed);

    [Fact]
    public void A_reopened_case_accepts_it_again() =>
        Given(Opened(), Closed(), Reopened())
            .When(state => Valid().Decide(state, NewId, Anna))
            .Then(new ParticipantJoined(NewId, ParticipantRole.Volunteer, "Sanne", Contact, "anna", Now));

    [Theory]
    [MemberData(nameof(BadText.Blank), MemberType = typeof(BadText))]
    [MemberData(nameof(BadText.Forbidden), MemberType = typeof(BadText))]
    public void Rejects_a_bad_display_name(string? name) =>
        Given(Opened())
            .When(state => (Valid() with { DisplayName = name! }).Decide(state, NewId, Anna))
            .ThenInvalid("displayName");

    [Fact]
    public void Rejects_a_too_long_display_name() =>
        Given(Opened())
            .When(state => (Valid() with { DisplayName = BadText.TooLong(200) }).Decide(state, NewId, Anna))
            .ThenInvalid("displayName");

    [Fact]
    public void Rejects_an_unknown_role() =>
        Given(Opened())
            .When(state => Valid((ParticipantRole)42).Decide(state, NewId, Anna))
            .ThenInvalid("role");

    [Fact]
    public void Rejects_the_empty_participant_id() =>
        Given(Opened())
            .When(state => (Valid() with { ParticipantId = Guid.Empty }).Decide(state, NewId, Anna))
            .ThenInvalid("participantId");

    [Theory]
    [InlineData("a\u0001b", "x@example.org", "contact.phone")]
    [InlineData("0612345678", "x\u0007@example.org", "contact.email")]
    public void Rejects_control_characters_in_contact_details(string phone, string email, string field) =>
        Given(Opened())
            .When(state => (Valid() with { Contact = new ContactDetails(phone, email) }).Decide(state, NewId, Anna))
            .ThenInvalid(field);

    [Fact]
    public void Rejects_too_long_contact_details() =>
        Given(Opened())
            .When(state => (Valid() with { Contact = new ContactDetails(BadText.TooLong(50), BadText.TooLong(254)) }).Decide(state, NewId, Anna))
            .ThenInvalid("contact.phone", "contact.email");

    [Fact]
    public void Contact_details_may_be_blank() =>
        Given(Opened())
            .When(state => (Valid() with { Contact = new ContactDetails(null, " ") }).Decide(state, NewId, Anna))
            .Then(new ParticipantJoined(NewId, ParticipantRole.Volunteer, "Sanne", new ContactDetails(null, " "), "anna", Now));

    [Fact]
    public void Validation_comes_before_the_closed_check() =>
        Given(Opened(), Closed())
            .When(state => (Valid() with { DisplayName = "" }).Decide(state, NewId, Anna))
            .ThenInvalid("displayName");
}
