using Participation.Domain.Cases;
using Participation.Domain.Cases.Connections;
using Xunit;
using static Participation.Domain.Tests.CaseHistory;
using static Participation.Domain.Tests.CaseSpecification;

namespace Participation.Domain.Tests.Cases.Connections;

public class ConnectNetworkTests
{
    private static readonly Network Club = new("Voetbalclub Oost", NetworkKind.SportsClub);

    private static ConnectNetwork Valid(params Guid[] ids) => new(Club, ids, "youth training on saturdays");

    [Fact]
    public void Connects_active_participants_to_a_network() =>
        Given(InStrengthen())
            .When(state => Valid(ResidentId).Decide(state, ConnectionId, Anna))
            .Then(new NetworkConnected(ConnectionId, Club, [ResidentId], "youth training on saturdays", "anna", Now));

    [Fact]
    public void Connects_the_case_itself_without_participants() =>
        Given(InStrengthen())
            .When(state => Valid().Decide(state, ConnectionId, Anna))
            .Then(new NetworkConnected(ConnectionId, Club, [], "youth training on saturdays", "anna", Now));

    [Fact]
    public void Trims_the_network_name_and_collapses_duplicates() =>
        Given(WithParticipants())
            .When(state => (Valid(ResidentId, ProfessionalId, ResidentId) with { Network = Club with { Name = "  Voetbalclub Oost " } }).Decide(state, ConnectionId, Anna))
            .Then(new NetworkConnected(ConnectionId, Club, [ResidentId, ProfessionalId], "youth training on saturdays", "anna", Now));

    [Fact]
    public void Counts_connections_in_the_state() => Assert.Equal(2, Fold([.. InStrengthen(), Connected(), Connected()])!.Connections);

    [Fact]
    public void An_unknown_participant_is_rejected() =>
        Given(WithParticipants())
            .When(state => Valid(ResidentId, UnknownId).Decide(state, ConnectionId, Anna))
            .ThenRejected(CaseRules.UnknownParticipant);

    [Fact]
    public void A_participant_who_left_is_rejected() =>
        Given(WithParticipants())
            .When(state => Valid(VolunteerId).Decide(state, ConnectionId, Anna))
            .ThenRejected(CaseRules.InactiveParticipant);

    [Fact]
    public void A_closed_case_rejects_it() =>
        Given([.. InConnect(), Closed(CaseOutcome.Achieved, CasePhase.Connect)])
            .When(state => Valid(ResidentId).Decide(state, ConnectionId, Anna))
            .ThenRejected(CaseRules.CaseClosed);

    [Fact]
    public void Rejects_a_missing_network() =>
        Given(WithParticipants())
            .When(state => (Valid() with { Network = null! }).Decide(state, ConnectionId, Anna))
            .ThenInvalid("network");

    [Theory]
    [MemberData(nameof(BadText.Blank), MemberType = typeof(BadText))]
    [MemberData(nameof(BadText.Forbidden), MemberType = typeof(BadText))]
    public void Rejects_a_bad_network_name(string? name) =>
        Given(WithParticipants())
            .When(state => (Valid() with { Network = Club with { Name = name! } }).Decide(state, ConnectionId, Anna))
            .ThenInvalid("network.name");

    [Fact]
    public void Rejects_a_too_long_network_name_and_unknown_kind() =>
        Given(WithParticipants())
            .When(state => (Valid() with { Network = new Network(BadText.TooLong(200), (NetworkKind)42) }).Decide(state, ConnectionId, Anna))
            .ThenInvalid("network.name", "network.kind");

    [Fact]
    public void Rejects_missing_participant_ids() =>
        Given(WithParticipants())
            .When(state => (Valid() with { ParticipantIds = null! }).Decide(state, ConnectionId, Anna))
            .ThenInvalid("participantIds");

    [Fact]
    public void Rejects_the_empty_participant_id() =>
        Given(WithParticipants())
            .When(state => Valid(Guid.Empty).Decide(state, ConnectionId, Anna))
            .ThenInvalid("participantIds");

    [Theory]
    [MemberData(nameof(BadText.Blank), MemberType = typeof(BadText))]
    [MemberData(nameof(BadText.Forbidden), MemberType = typeof(BadText))]
    public void Rejects_a_bad_purpose(string? purpose) =>
        Given(WithParticipants())
            .When(state => (Valid() with { Purpose = purpose! }).Decide(state, ConnectionId, Anna))
            .ThenInvalid("purpose");

    [Fact]
    public void Rejects_a_too_long_purpose() =>
        Given(WithParticipants())
            .When(state => (Valid() with { Purpose = BadText.TooLong(4000) }).Decide(state, ConnectionId, Anna))
            .ThenInvalid("purpose");
}
