using Participation.Domain.Cases;
using Participation.Domain.Cases.RecordingContacts;
using Xunit;
using static Participation.Domain.Tests.CaseHistory;
using static Participation.Domain.Tests.CaseSpecification;

namespace Participation.Domain.Tests.Cases.RecordingContacts;

public class RecordContactTests
{
    private static readonly DateTimeOffset Yesterday = Now.AddDays(-1);

    private static RecordContact Valid(params Guid[] ids) => new(Yesterday, ContactKind.Meeting, ids, "talked about cooking");

    [Fact]
    public void Records_a_contact_moment_with_active_participants() =>
        Given(WithParticipants())
            .When(state => Valid(ResidentId, ProfessionalId).Decide(state, ContactId, Anna))
            .Then(new ContactMomentRecorded(ContactId, Yesterday, ContactKind.Meeting, [ResidentId, ProfessionalId], "talked about cooking", "anna", Now));

    [Fact]
    public void Collapses_duplicate_participants() =>
        Given(WithParticipants())
            .When(state => Valid(ResidentId, ResidentId, ProfessionalId, ResidentId).Decide(state, ContactId, Anna))
            .Then(new ContactMomentRecorded(ContactId, Yesterday, ContactKind.Meeting, [ResidentId, ProfessionalId], "talked about cooking", "anna", Now));

    [Fact]
    public void Stores_the_moment_in_utc()
    {
        var local = new DateTimeOffset(2025, 3, 13, 20, 0, 0, TimeSpan.FromHours(2));
        var recorded = (ContactMomentRecorded)Assert.Single(
            (Valid(ResidentId) with { OccurredAt = local }).Decide(Fold(WithParticipants())!, ContactId, Anna));

        Assert.Equal(TimeSpan.Zero, recorded.OccurredAt.Offset);
        Assert.Equal(new DateTime(2025, 3, 13, 18, 0, 0), recorded.OccurredAt.DateTime);
    }

    [Fact]
    public void Counts_contact_moments_in_the_state()
    {
        var state = Fold([.. WithParticipants(), Contacted(ResidentId), Contacted(ProfessionalId)])!;

        Assert.Equal(2, state.ContactMoments);
    }

    [Fact]
    public void An_unknown_participant_is_rejected() =>
        Given(WithParticipants())
            .When(state => Valid(ResidentId, UnknownId).Decide(state, ContactId, Anna))
            .ThenRejected(CaseRules.UnknownParticipant);

    [Fact]
    public void A_participant_who_left_is_rejected() =>
        Given(WithParticipants())
            .When(state => Valid(ResidentId, VolunteerId).Decide(state, ContactId, Anna))
            .ThenRejected(CaseRules.InactiveParticipant);

    [Fact]
    public void A_closed_case_rejects_it() =>
        Given([.. WithParticipants(), Closed()])
            .When(state => Valid(ResidentId).Decide(state, ContactId, Anna))
            .ThenRejected(CaseRules.CaseClosed);

    [Fact]
    public void Rejects_a_missing_moment() =>
        Given(WithParticipants())
            .When(state => (Valid(ResidentId) with { OccurredAt = default }).Decide(state, ContactId, Anna))
            .ThenInvalid("occurredAt");

    [Fact]
    public void Rejects_a_moment_in_the_future() =>
        Given(WithParticipants())
            .When(state => (Valid(ResidentId) with { OccurredAt = Now.AddDays(3) }).Decide(state, ContactId, Anna))
            .ThenInvalid("occurredAt");

    [Fact]
    public void Rejects_an_unknown_kind() =>
        Given(WithParticipants())
            .When(state => (Valid(ResidentId) with { Kind = (ContactKind)42 }).Decide(state, ContactId, Anna))
            .ThenInvalid("kind");

    [Fact]
    public void Needs_at_least_one_participant() =>
        Given(WithParticipants())
            .When(state => Valid().Decide(state, ContactId, Anna))
            .ThenInvalid("participantIds");

    [Fact]
    public void Rejects_missing_participants() =>
        Given(WithParticipants())
            .When(state => (Valid() with { ParticipantIds = null! }).Decide(state, ContactId, Anna))
            .ThenInvalid("participantIds");

    [Fact]
    public void Rejects_the_empty_participant_id() =>
        Given(WithParticipants())
            .When(state => Valid(ResidentId, Guid.Empty).Decide(state, ContactId, Anna))
            .ThenInvalid("participantIds");

    [Fact]
    public void Rejects_more_than_500_participants() =>
        Given(WithParticipants())
            .When(state => Valid(Enumerable.Repeat(ResidentId, 501).ToArray()).Decide(state, ContactId, Anna))
            .ThenInvalid("participantIds");

    [Theory]
    [MemberData(nameof(BadText.Blank), MemberType = typeof(BadText))]
    [MemberData(nameof(BadText.Forbidden), MemberType = typeof(BadText))]
    public void Rejects_a_bad_summary(string? summary) =>
        Given(WithParticipants())
            .When(state => (Valid(ResidentId) with { Summary = summary! }).Decide(state, ContactId, Anna))
            .ThenInvalid("summary");

    [Fact]
    public void Rejects_a_too_long_summary() =>
        Given(WithParticipants())
            .When(state => (Valid(ResidentId) with { Summary = BadText.TooLong(4000) }).Decide(state, ContactId, Anna))
            .ThenInvalid("summary");
}
