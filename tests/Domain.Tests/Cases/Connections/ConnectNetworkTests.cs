using Participation.Domain.Cases;
using Participation.Domain.Cases.Connections;
using Participation.Domain.Networks;
using Xunit;
using static Participation.Domain.Tests.CaseHistory;
using static Participation.Domain.Tests.CaseSpecification;

namespace Participation.Domain.Tests.Cases.Connections;

public class ConnectNetworkTests
{
    private static readonly Network Club = new("Voetbalclub Oost", NetworkKind.SportsClub);
    private static readonly Guid ClubId = Guid.Parse("7f3c1a52-9b4e-4d7a-8f61-2c5e9d0b4a13");
    private static readonly NetworkState Registered = new() { Id = ClubId, Name = Club.Name, Kind = Club.Kind };

    private static ConnectNetwork Valid(params Guid[] ids) => new(ids, "youth training on saturdays", Club);

    [Fact]
    public void Connects_active_participants_to_a_network() =>
        Given(InStrengthen())
            .When(state => Valid(ResidentId).Decide(state, ConnectionId, Registered, Anna))
            .Then(new NetworkConnected(ConnectionId, Club, [ResidentId], "youth training on saturdays", "anna", Now, ClubId));

    [Fact]
    public void Connects_the_case_itself_without_participants() =>
        Given(InStrengthen())
            .When(state => Valid().Decide(state, ConnectionId, Registered, Anna))
            .Then(new NetworkConnected(ConnectionId, Club, [], "youth training on saturdays", "anna", Now, ClubId));

    [Fact]
    public void Carries_the_networks_own_name_and_kind_and_collapses_duplicate_participants() =>
        Given(WithParticipants())
            .When(state => (Valid(ResidentId, ProfessionalId, ResidentId) with { Network = Club with { Name = "  voetbalclub oost " } }).Decide(state, ConnectionId, Registered, Anna))
            .Then(new NetworkConnected(ConnectionId, Club, [ResidentId, ProfessionalId], "youth training on saturdays", "anna", Now, ClubId));

    [Fact]
    public void Connects_by_network_id() =>
        Given(InStrengthen())
            .When(state => new ConnectNetwork([ResidentId], "youth training on saturdays", NetworkId: ClubId).Decide(state, ConnectionId, Registered, Anna))
            .Then(new NetworkConnected(ConnectionId, Club, [ResidentId], "youth training on saturdays", "anna", Now, ClubId));

    [Fact]
    public void Rejects_both_a_network_id_and_a_network() =>
        Given(InStrengthen())
            .When(state => (Valid(ResidentId) with { NetworkId = ClubId }).Decide(state, ConnectionId, Registered, Anna))
            .ThenInvalid("networkId");

    [Fact]
    public void A_retired_network_rejects_it() =>
        Given(InStrengthen())
            .When(state => Valid(ResidentId).Decide(state, ConnectionId, Registered with { Status = NetworkStatus.Retired }, Anna))
            .ThenRejected<NetworkRuleViolated>(e => e.Code == NetworkRules.NetworkRetired);

    [Fact]
    public void A_merged_network_rejects_it_naming_the_one_it_was_merged_into()
    {
        var into = Guid.NewGuid();
        Given(InStrengthen())
            .When(state => Valid(ResidentId).Decide(state, ConnectionId, Registered with { Status = NetworkStatus.Merged, MergedInto = into }, Anna))
            .ThenRejected<NetworkRuleViolated>(e => e.Code == NetworkRules.NetworkMerged && e.NetworkId == into);
    }

    [Fact]
    public void Old_connections_belong_to_the_network_their_name_and_kind_stand_for() =>
        Assert.Equal(NetworkNames.DerivedId("amsterdam", "Voetbalclub Oost", NetworkKind.SportsClub),
            new NetworkConnected(ConnectionId, Club with { Name = " VOETBALCLUB  Óost" }, [], "p", "anna", Now).ConnectedNetworkId("amsterdam"));

    [Fact]
    public void Counts_connections_in_the_state() => Assert.Equal(2, Fold([.. InStrengthen(), Connected(), Connected()])!.Connections);

    [Fact]
    public void An_unknown_participant_is_rejected() =>
        Given(WithParticipants())
            .When(state => Valid(ResidentId, UnknownId).Decide(state, ConnectionId, Registered, Anna))
            .ThenRejected(CaseRules.UnknownParticipant);

    [Fact]
    public void A_participant_who_left_is_rejected() =>
        Given(WithParticipants())
            .When(state => Valid(VolunteerId).Decide(state, ConnectionId, Registered, Anna))
            .ThenRejected(CaseRules.InactiveParticipant);

    [Fact]
    public void A_closed_case_rejects_it() =>
        Given([.. InConnect(), Closed(CaseOutcome.Achieved, CasePhase.Connect)])
            .When(state => Valid(ResidentId).Decide(state, ConnectionId, Registered, Anna))
            .ThenRejected(CaseRules.CaseClosed);

    [Fact]
    public void Rejects_a_missing_network() =>
        Given(WithParticipants())
            .When(state => (Valid() with { Network = null! }).Decide(state, ConnectionId, Registered, Anna))
            .ThenInvalid("networkId");

    [Theory]
    [MemberData(nameof(BadText.Blank), MemberType = typeof(BadText))]
    [MemberData(nameof(BadText.Forbidden), MemberType = typeof(BadText))]
    public void Rejects_a_bad_network_name(string? name) =>
        Given(WithParticipants())
            .When(state => (Valid() with { Network = Club with { Name = name! } }).Decide(state, ConnectionId, Registered, Anna))
            .ThenInvalid("network.name");

    [Fact]
    public void Rejects_a_too_long_network_name_and_unknown_kind() =>
        Given(WithParticipants())
            .When(state => (Valid() with { Network = new Network(BadText.TooLong(200), (NetworkKind)42) }).Decide(state, ConnectionId, Registered, Anna))
            .ThenInvalid("network.name", "network.kind");

    [Fact]
    public void Rejects_missing_participant_ids() =>
        Given(WithParticipants())
            .When(state => (Valid() with { ParticipantIds = null! }).Decide(state, ConnectionId, Registered, Anna))
            .ThenInvalid("participantIds");

    [Fact]
    public void Rejects_the_empty_participant_id() =>
        Given(WithParticipants())
            .When(state => Valid(Guid.Empty).Decide(state, ConnectionId, Registered, Anna))
            .ThenInvalid("participantIds");

    [Theory]
    [MemberData(nameof(BadText.Blank), MemberType = typeof(BadText))]
    [MemberData(nameof(BadText.Forbidden), MemberType = typeof(BadText))]
    public void Rejects_a_bad_purpose(string? purpose) =>
        Given(WithParticipants())
            .When(state => (Valid() with { Purpose = purpose! }).Decide(state, ConnectionId, Registered, Anna))
            .ThenInvalid("purpose");

    [Fact]
    public void Rejects_a_too_long_purpose() =>
        Given(WithParticipants())
            .When(state => (Valid() with { Purpose = BadText.TooLong(4000) }).Decide(state, ConnectionId, Registered, Anna))
            .ThenInvalid("purpose");
}
