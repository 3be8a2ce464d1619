using Participation.Domain.Cases;
using Participation.Domain.Cases.Participants;
using Participation.Domain.Cases.RecordingContacts;
using Participation.Host.Cases;
using Participation.Host.Cases.Participants;
using Participation.Host.Cases.RecordingContacts;

namespace Participation.Host.Tests.Cases;

/// <summary>A case command endpoint is a function of the command, the case and the stamp: tested here without HTTP or a database.</summary>
public sealed class CaseCommandEndpointTests
{
    private static readonly Stamp Anna = new("anna", new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));
    private static readonly Guid Parent = Guid.NewGuid();

    private static Case CaseWithParent() => new[]
    {
        (ICaseEvent)new CaseOpened(Guid.NewGuid(), CaseDomain.Sport, new Neighbourhood("E38", "Slotermeer", "Nieuw-West"), "Voetbal", null, null, "anna", Anna.At),
        new ParticipantJoined(Parent, ParticipantRole.Parent, "pd1:encrypted", null, "anna", Anna.At),
    }.Aggregate((Case?)null, (state, e) => Case.Evolve(state, e) with { Version = (state?.Version ?? 0) + 1 })!;

    [Fact]
    public void Recording_a_contact_answers_its_id_and_the_next_version_with_the_event_to_append()
    {
        var state = CaseWithParent();

        var (answer, events) = RecordContactEndpoint.Post(new RecordContact(Anna.At.AddHours(-1), ContactKind.Phone, [Parent], "Gebeld"), state, Anna);

        Assert.Equal(3, answer.Version);
        var recorded = Assert.IsType<ContactMomentRecorded>(Assert.Single(events.Events));
        Assert.Equal((answer.ContactId, "anna", Anna.At), (recorded.ContactId, recorded.RecordedBy, recorded.RecordedAt));
    }

    [Fact]
    public void A_command_that_changes_nothing_answers_the_same_version_and_appends_nothing()
    {
        var state = CaseWithParent();

        var (answer, events) = AddParticipantEndpoint.Post(new AddParticipant(ParticipantRole.Parent, "Fatima", ParticipantId: Parent), state, Anna);

        Assert.Equal((Parent, 2L), (answer.ParticipantId, answer.Version));
        Assert.Empty(events.Events);
    }

    [Fact]
    public void Erasing_a_participant_who_is_still_active_lets_them_leave_first()
    {
        var (answer, events) = EraseParticipantEndpoint.Post(Parent, CaseWithParent(), Anna);

        Assert.Equal(4, answer.Version);
        Assert.Collection(events.Events, e => Assert.IsType<ParticipantLeft>(e), e => Assert.IsType<ParticipantErased>(e));
    }
}
