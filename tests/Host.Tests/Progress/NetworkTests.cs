using System.Text.Json.Nodes;
using Participation.Host.Tests.Support;

namespace Participation.Host.Tests.Progress;

/// <summary><c>GET /api/networks</c>: the reach of each network, checked against the story's connections.</summary>
[Collection(ProgressCollection.Name)]
public sealed class NetworkTests(ProgressFixture progress)
{
    private sealed record ExpectedNetwork(string Key, string Name, string Kind, string[] Cases, string[] Participants, string[] Agreements, int Connections,
        double FirstDay, double LastDay);

    [Fact]
    public async Task Every_network_shows_the_cases_participants_neighbourhoods_and_active_agreements_it_reaches()
    {
        var (story, spread) = await progress.Spread();
        await progress.CatchUp();

        var networks = (await story.Manager.Get("/api/networks")).ShouldBe(200).Json["items"]!.AsArray();

        ExpectedNetwork[] expected =
        [
            new("ouderraad de horizon", "Ouderraad De Horizon", "school", ["J", "E"], ["j-parent", "e-parent"], ["e-fund"], 2, 1, 22),
            new("winkeliers slotermeerlaan", "Winkeliers Slotermeerlaan", "business", ["A", "G"], ["a-parent", "g-volunteer", "a-resident"], ["g-fund"], 3, 30, 35),
            new("moskee vrouwengroep", "Moskee Vrouwengroep", "faith", ["C"], ["c-youth"], [], 1, 4, 4),
            new("sportclub slotermeer", "Sportclub Slotermeer", "sports-club", ["L"], [], [], 1, 11, 11),
        ];
        Assert.Equal(expected.Select(n => n.Key), networks.Select(n => (string?)n!["key"]));
        foreach (var (want, actual) in expected.Zip(networks.Select(n => n!)))
        {
            var cases = want.Cases.Select(name => spread[name]).ToList();
            var hoods = cases.Select(c => c.Hood.Code).Distinct().Order(StringComparer.Ordinal).ToList();
            Assert.Equal(want.Name, (string?)actual["name"]);
            Assert.Equal(want.Kind, (string?)actual["kind"]);
            Assert.Equal(cases.Count, (int)actual["cases"]!);
            Assert.Equal(cases.Count(c => c.Status == "open"), (int)actual["openCases"]!);
            Assert.Equal(want.Participants.Length, (int)actual["participants"]!);
            Assert.Equal(hoods.Count, (int)actual["neighbourhoods"]!);
            Assert.Equal(hoods, actual["neighbourhoodCodes"]!.AsArray().Select(c => (string)c!));
            Assert.Equal(want.Connections, (int)actual["connections"]!);
            Assert.Equal(story.Day(want.FirstDay), (DateTimeOffset)actual["firstConnectedAt"]!);
            Assert.Equal(story.Day(want.LastDay), (DateTimeOffset)actual["lastConnectedAt"]!);
            var agreements = actual["activeAgreements"]!.AsArray();
            Assert.Equal(want.Agreements.Select(a => spread.Agreements[a]), agreements.Select(a => (Guid)a!["agreementId"]!));
            Assert.All(agreements, a => Assert.Contains((Guid)a!["caseId"]!, cases.Select(c => c.Id)));
        }
    }

    [Fact]
    public async Task A_tenant_sees_only_its_own_cases_in_a_network_another_tenant_also_uses()
    {
        var mine = progress.NewStory();
        var theirs = progress.NewStory();
        var myCase = await mine.Open(0, "sport", Hood.SlotermeerNoordoost, "Hier");
        await mine.Connect(0, myCase, "Buurtvaders Bijlmer", "informal");
        foreach (var _ in Enumerable.Range(0, 2))
        {
            var theirCase = await theirs.Open(0, "sport", Hood.BijlmerCentrum, "Elders");
            await theirs.Connect(0, theirCase, "Buurtvaders Bijlmer", "informal");
        }
        await progress.CatchUp();

        var network = Assert.Single((await mine.Manager.Get("/api/networks")).ShouldBe(200).Json["items"]!.AsArray())!;
        Assert.Equal(("buurtvaders bijlmer", 1, 1), ((string?)network["key"], (int)network["cases"]!, (int)network["connections"]!));
        Assert.Equal(["E38"], network["neighbourhoodCodes"]!.AsArray().Select(c => (string)c!));
        Assert.Equal(2, (int)Assert.Single((await theirs.Manager.Get("/api/networks")).ShouldBe(200).Json["items"]!.AsArray())!["cases"]!);
    }
}
