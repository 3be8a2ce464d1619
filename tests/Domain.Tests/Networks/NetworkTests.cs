using Participation.Domain.Cases;
using Participation.Domain.Networks;
using Participation.Domain.Networks.Merging;
using Participation.Domain.Networks.Registering;
using Participation.Domain.Networks.Retiring;
using Participation.Domain.Networks.Updating;
using Xunit;

namespace Participation.Domain.Tests.Networks;

public class NetworkTests
{
    private static readonly Stamp Anna = new("anna", new DateTimeOffset(2026, 3, 1, 10, 0, 0, TimeSpan.Zero));
    private static readonly Neighbourhood Slotermeer = new("E38", "Slotermeer-Noordoost", "Nieuw-West");
    private static readonly Guid Id = Guid.Parse("0b8f7c2e-1d3a-4e5f-9a6b-7c8d9e0f1a2b");

    private static RegisterNetwork Register(string name = "Vrouwengroep Moskee Slotermeer") =>
        new(name, NetworkKind.Faith, [Slotermeer], "Koffieochtend op dinsdag", "Moskee Slotermeer");

    private static NetworkState Registered(string name = "Vrouwengroep Moskee Slotermeer") => NetworkState.Evolve(null, Register(name).Decide(Id, Anna));

    [Theory]
    [InlineData("Moskée Slotermeer", " moskee   SLOTERMEER ")]
    [InlineData("Winkeliers Slotermeerlaan", "winkeliers slotermeerlaan")]
    [InlineData("Ëetclub De Brug", "eetclub de brug")]
    public void Names_compare_without_case_accents_or_spaces(string one, string other)
    {
        Assert.Equal(NetworkNames.Key(one), NetworkNames.Key(other));
        Assert.Equal(NetworkNames.DerivedId("amsterdam", one, NetworkKind.Faith), NetworkNames.DerivedId("amsterdam", other, NetworkKind.Faith));
    }

    [Fact]
    public void The_derived_id_is_a_stable_version_5_uuid_that_differs_by_kind_and_tenant()
    {
        var id = NetworkNames.DerivedId("amsterdam", "Buurtvaders", NetworkKind.Informal);
        Assert.Equal(5, id.Version);
        Assert.Equal(id, NetworkNames.DerivedId("amsterdam", "Buurtvaders", NetworkKind.Informal));
        Assert.NotEqual(id, NetworkNames.DerivedId("amsterdam", "Buurtvaders", NetworkKind.Organisation));
        Assert.NotEqual(id, NetworkNames.DerivedId("denbosch", "Buurtvaders", NetworkKind.Informal));
    }

    [Fact]
    public void Registering_trims_and_keeps_each_neighbourhood_once()
    {
        var registered = (Register("  Buurtvaders ") with { ActiveIn = [Slotermeer, Slotermeer with { Name = "other" }] }).Decide(Id, Anna);
        Assert.Equal("Buurtvaders", registered.Name);
        Assert.Single(registered.ActiveIn);
    }

    [Theory]
    [InlineData("name")]
    [InlineData("activeIn")]
    [InlineData("kind")]
    public void Registering_needs_a_name_a_known_kind_and_a_neighbourhood(string field)
    {
        var command = field switch
        {
            "name" => Register() with { Name = " " },
            "activeIn" => Register() with { ActiveIn = [] },
            _ => Register() with { Kind = (NetworkKind)42 },
        };
        var error = Assert.Throws<InvalidCommand>(() => command.Decide(Id, Anna));
        Assert.Equal([field], error.Errors.Keys);
    }

    [Fact]
    public void An_update_records_only_what_changed_and_nothing_when_nothing_did()
    {
        var state = Registered();
        var events = new UpdateNetwork(Name: "Vrouwengroep Moskee Slotermeer", Organisation: "Stichting Moskee").Decide(state, Anna);
        Assert.Equal(new NetworkUpdated(null, null, null, null, "Stichting Moskee", "anna", Anna.At), Assert.Single(events));
        Assert.Empty(new UpdateNetwork(Description: "Koffieochtend op dinsdag").Decide(state, Anna));
        Assert.Throws<InvalidCommand>(() => new UpdateNetwork().Decide(state, Anna));
        Assert.Equal(["name"], Assert.Throws<InvalidCommand>(() => new UpdateNetwork(Name: " ").Decide(state, Anna)).Errors.Keys);
    }

    [Fact]
    public void A_merge_needs_another_active_network_and_a_merged_network_takes_no_more_commands()
    {
        var state = Registered();
        var other = Registered("Moskee Slotermeer vrouwen") with { Id = Guid.NewGuid() };
        Assert.Equal(NetworkRules.MergeIntoItself, Assert.Throws<NetworkRuleViolated>(() => new MergeNetwork(Id).Decide(state, state, Anna)).Code);
        Assert.Equal(NetworkRules.NetworkUnknown, Assert.Throws<NetworkRuleViolated>(() => new MergeNetwork(other.Id).Decide(state, null, Anna)).Code);
        Assert.Equal(NetworkRules.NetworkRetired, Assert.Throws<NetworkRuleViolated>(() =>
            new MergeNetwork(other.Id).Decide(state, other with { Status = NetworkStatus.Retired }, Anna)).Code);

        var merged = NetworkState.Evolve(state, Assert.Single(new MergeNetwork(other.Id).Decide(state, other, Anna)));
        Assert.Equal((NetworkStatus.Merged, other.Id, (string?)null), (merged.Status, merged.MergedInto, merged.Claim));
        Assert.Equal(NetworkRules.NetworkMerged, Assert.Throws<NetworkRuleViolated>(() => new RetireNetwork("Gestopt").Decide(merged, Anna)).Code);
        Assert.Equal(NetworkRules.NetworkMerged, Assert.Throws<NetworkRuleViolated>(() => new UpdateNetwork(Name: "x").Decide(merged, Anna)).Code);
    }

    [Fact]
    public void Retiring_and_reactivating_are_recorded_once()
    {
        var state = Registered();
        var retired = NetworkState.Evolve(state, Assert.Single(new RetireNetwork("Gestopt na de zomer").Decide(state, Anna)));
        Assert.Equal(NetworkStatus.Retired, retired.Status);
        Assert.Empty(new RetireNetwork("Nog steeds gestopt").Decide(retired, Anna));
        var active = NetworkState.Evolve(retired, Assert.Single(new ReactivateNetwork("Weer begonnen").Decide(retired, Anna)));
        Assert.Equal(NetworkStatus.Active, active.Status);
        Assert.Empty(new ReactivateNetwork("Al actief").Decide(active, Anna));
    }
}
