using System.Text.Json.Nodes;
using Participation.Host.Security;
using Participation.Host.Tests.Support;

namespace Participation.Host.Tests.Privacy;

/// <summary><c>GET /api/cases/{id}/participants/{participantId}/data</c>: what the case holds about one person (AVG art. 15).</summary>
[Collection(ApiCollection.Name)]
public class ParticipantDataTests(ApiFixture api)
{
    [Fact]
    public async Task The_admin_gets_everything_about_the_person_and_nothing_about_anyone_else()
    {
        var (admin, caseId, fatima, henk) = await CaseAboutTwo();
        var data = (await admin.Get($"/api/cases/{caseId}/participants/{fatima}/data")).ShouldBe(200);

        Assert.Equal("no-store", data.Headers["Cache-Control"]);
        var json = data.Json;
        Assert.False((bool)json["erased"]!);
        Assert.Equal("Fatima Yilmaz", (string?)json["participant"]!["displayName"]);
        Assert.Equal("fatima@example.nl", (string?)json["participant"]!["contact"]!["email"]);
        Assert.Single(json["contactMoments"]!.AsArray());
        Assert.Single(json["strengths"]!.AsArray());
        Assert.Single(json["connections"]!.AsArray());
        Assert.Single(json["agreements"]!.AsArray());
        var measurement = json["measurements"]!.AsArray().Single()!;
        Assert.Equal(2, (int)measurement["domains"]![0]!["level"]!);
        Assert.DoesNotContain("Henk", json.ToJsonString());

        var henksOwn = (await admin.Get($"/api/cases/{caseId}/participants/{henk}/data")).ShouldBe(200).Json;
        Assert.Equal(2, henksOwn["contactMoments"]!.AsArray().Count);
        Assert.Empty(henksOwn["measurements"]!.AsArray());

        // Who processed Fatima's data: every write that carried it, her own request of access, and Henk's, which showed the
        // contact moment about both of them.
        var log = (await admin.Get($"/api/cases/{caseId}/participants/{fatima}/data")).Json["processingLog"]!.AsArray();
        Assert.Equal(["AddParticipant", "RecordContact", "RecordStrength", "ConnectNetwork", "MakeAgreement", "RecordMeasurement", "GetParticipantData", "GetParticipantData"],
            log.Select(r => (string)r!["name"]!));
        Assert.All(log, r => Assert.Equal(fatima, (Guid)r!["dataSubjectId"]!));
    }

    [Fact]
    public async Task The_download_has_the_person_first_and_then_one_item_a_line()
    {
        var (admin, caseId, fatima, _) = await CaseAboutTwo();
        var download = (await admin.Get($"/api/cases/{caseId}/participants/{fatima}/data?format=ndjson")).ShouldBe(200);

        Assert.StartsWith("application/x-ndjson", download.ContentType);
        var lines = download.Body.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.Equal(["participant", "contactMoment", "strength", "connection", "agreement", "measurement"], lines.Select(l => (string)l["type"]!).Distinct().Where(t => t != "processingRecord"));
        Assert.Equal(6, lines.Count(l => (string?)l["type"] == "processingRecord" && (Guid)l["item"]!["dataSubjectId"]! == fatima));
        Assert.Equal("Fatima Yilmaz", (string?)lines[0]["item"]!["participant"]!["displayName"]);
        Assert.Equal(2, (int)lines.Single(l => (string?)l["type"] == "measurement")["item"]!["domains"]![0]!["level"]!);
    }

    [Fact]
    public async Task After_an_erasure_it_says_so_and_holds_nothing_personal()
    {
        var (admin, caseId, fatima, _) = await CaseAboutTwo();
        (await admin.Post($"/api/cases/{caseId}/participants/{fatima}/erase", new { })).ShouldBe(200);

        foreach (var format in new[] { "", "?format=ndjson" })
        {
            var body = (await admin.Get($"/api/cases/{caseId}/participants/{fatima}/data{format}")).ShouldBe(200).Body;
            Assert.DoesNotContain("Fatima", body);
            Assert.DoesNotContain("fatima@example.nl", body);
            Assert.DoesNotContain("Schulden", body);
        }
        var json = (await admin.Get($"/api/cases/{caseId}/participants/{fatima}/data")).Json;
        Assert.True((bool)json["erased"]!);
        Assert.Null(json["measurements"]![0]!["domains"]);
    }

    [Fact]
    public async Task Only_an_admin_of_the_tenant_asks_and_an_unknown_person_or_format_is_a_problem()
    {
        var (admin, caseId, fatima, _) = await CaseAboutTwo();
        (await admin.WithRoles(Roles.Caseworker, Roles.Manager, Roles.Auditor).Get($"/api/cases/{caseId}/participants/{fatima}/data")).ShouldBeProblem(403);
        (await api.NewTenant(Roles.Admin).Get($"/api/cases/{caseId}/participants/{fatima}/data")).ShouldBeProblem(404);
        (await admin.Get($"/api/cases/{caseId}/participants/{Guid.NewGuid()}/data")).ShouldBeProblem(404);
        (await admin.Get($"/api/cases/{caseId}/participants/{fatima}/data?format=xml")).ShouldBeBadRequest();
    }

    /// <summary>Fatima and Henk in one case: a contact moment with both, one with Henk alone; Fatima's strength, connection, agreement and measurement.</summary>
    private async Task<(Caller Admin, Guid CaseId, Guid Fatima, Guid Henk)> CaseAboutTwo()
    {
        var admin = api.NewTenant(Roles.Admin, Roles.Caseworker);
        var caseId = await admin.OpenCase();
        var fatima = await admin.AddParticipant(caseId);
        var henk = await admin.AddParticipant(caseId, "resident", "Henk de Vries", new { phone = "06-87654321", email = "henk@example.nl" });
        await admin.RecordContact(caseId, fatima, henk);
        await admin.RecordContact(caseId, henk);
        await admin.RecordStrength(caseId, fatima);
        await admin.Connect(caseId, fatima);
        (await admin.Post($"/api/cases/{caseId}/agreements", new { parties = new[] { fatima }, gives = "Kookt mee", receives = "Hulp bij formulieren" })).ShouldBe(200);
        (await admin.Post($"/api/cases/{caseId}/measurements", new
        {
            participantId = fatima, moment = "intake", measuredOn = DateOnly.FromDateTime(DateTime.UtcNow), note = "Schulden bij de woningcorporatie",
            domains = new[] { new { domain = "finances", level = 2, ownShare = 20, networkShare = 10, professionalShare = 70 } },
        })).ShouldBe(200);
        return (admin, caseId, fatima, henk);
    }
}
