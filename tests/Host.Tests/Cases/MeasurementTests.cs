using System.Text.Json.Nodes;
using Participation.Host.Security;
using Participation.Host.Tests.Support;

namespace Participation.Host.Tests.Cases;

/// <summary><c>POST /api/cases/{id}/measurements</c>: ZRM measurements of a case's residents, personal data of the person measured.</summary>
[Collection(ApiCollection.Name)]
public sealed class MeasurementTests(ApiFixture api)
{
    private static object Measurement(Guid participantId, string note = "Schulden bij de woningcorporatie", string moment = "intake") => new
    {
        participantId, moment, measuredOn = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-2),
        domains = new object[]
        {
            new { domain = "finances", level = 2, ownShare = 30, networkShare = 20, professionalShare = 50 },
            new { domain = "social-network", level = 4, ownShare = 60, networkShare = 40, professionalShare = 0 },
        },
        note,
    };

    [Fact]
    public async Task A_measurement_reads_back_in_the_case_history_and_time_travel_and_is_stored_encrypted()
    {
        var staff = api.NewTenant(Roles.Caseworker, Roles.Auditor);
        var caseId = await staff.OpenCase();
        var parent = await staff.AddParticipant(caseId);

        var recorded = (await staff.Post($"/api/cases/{caseId}/measurements", Measurement(parent))).ShouldBe(200);
        var measurementId = (Guid)recorded.Json["measurementId"]!;
        Assert.Equal((3L, "\"3\""), (recorded.Version, recorded.ETag));

        var measurement = (await staff.Get($"/api/cases/{caseId}")).ShouldBe(200).Json["measurements"]!.AsArray().Single()!;
        Assert.Equal((measurementId, parent, "intake", false), ((Guid)measurement["measurementId"]!, (Guid)measurement["participantId"]!,
            (string?)measurement["moment"], (bool)measurement["erased"]!));
        Assert.Equal("Schulden bij de woningcorporatie", (string?)measurement["note"]);
        var domains = measurement["domains"]!.AsArray();
        Assert.Equal(["finances", "social-network"], domains.Select(d => (string)d!["domain"]!));
        Assert.Equal((2, 30, 20, 50), ((int)domains[0]!["level"]!, (int)domains[0]!["ownShare"]!, (int)domains[0]!["networkShare"]!, (int)domains[0]!["professionalShare"]!));

        var state = (await staff.Get($"/api/cases/{caseId}/state?version=3")).ShouldBe(200).Json["measurements"]!.AsArray().Single()!;
        Assert.True(JsonNode.DeepEquals(measurement, state), state.ToJsonString());
        var history = (await staff.Get($"/api/cases/{caseId}/history")).ShouldBe(200).Json.AsArray();
        var inHistory = history.Single(e => (string?)e!["type"] == "measurement_recorded")!["data"]!;
        Assert.Equal(2, (int)inHistory["domains"]![0]!["level"]!);
        Assert.True((bool)(await staff.Get($"/api/cases/{caseId}/verify")).ShouldBe(200).Json["intact"]!);

        var stored = (string)(await Sql.ScalarAsync(
            $"select data::text from {api.Schema}.mt_events where stream_id = '{caseId}' and type = 'measurement_recorded'"))!;
        Assert.Contains("pdj1:", stored);
        Assert.DoesNotContain("finances", stored);
        Assert.DoesNotContain("woningcorporatie", stored);
    }

    [Fact]
    public async Task After_an_erasure_the_measurements_read_null_and_erased_and_the_history_stays_intact()
    {
        var staff = api.NewTenant(Roles.Caseworker, Roles.Admin, Roles.Auditor);
        var caseId = await staff.OpenCase();
        var parent = await staff.AddParticipant(caseId);
        (await staff.Post($"/api/cases/{caseId}/measurements", Measurement(parent))).ShouldBe(200);
        (await staff.Post($"/api/cases/{caseId}/measurements", Measurement(parent, "Huur betaald", "evaluation"))).ShouldBe(200);

        (await staff.Post($"/api/cases/{caseId}/participants/{parent}/erase", new { })).ShouldBe(200);

        var measurements = (await staff.Get($"/api/cases/{caseId}")).ShouldBe(200).Json["measurements"]!.AsArray();
        Assert.Equal(2, measurements.Count);
        Assert.All(measurements, m =>
        {
            Assert.True((bool)m!["erased"]!);
            Assert.Null(m["domains"]);
            Assert.Null(m["note"]);
        });
        var history = (await staff.Get($"/api/cases/{caseId}/history")).ShouldBe(200).Json.AsArray();
        Assert.All(history.Where(e => (string?)e!["type"] == "measurement_recorded"), e => Assert.Null(e!["data"]!["domains"]));
        Assert.True((bool)(await staff.Get($"/api/cases/{caseId}/verify")).ShouldBe(200).Json["intact"]!);
        Assert.DoesNotContain("woningcorporatie", (await staff.Get($"/api/audit/export?caseId={caseId}")).ShouldBe(200).Body);
    }

    [Theory]
    [InlineData("""{"participantId": "{p}", "moment": "intake", "measuredOn": "2026-01-05", "domains": [{"domain": "finances", "level": 6, "ownShare": 50, "networkShare": 25, "professionalShare": 25}]}""")]
    [InlineData("""{"participantId": "{p}", "moment": "intake", "measuredOn": "2026-01-05", "domains": [{"domain": "finances", "level": 3, "ownShare": 50, "networkShare": 25, "professionalShare": 20}]}""")]
    [InlineData("""{"participantId": "{p}", "moment": "intake", "measuredOn": "2026-01-05", "domains": [{"domain": "money", "level": 3, "ownShare": 50, "networkShare": 25, "professionalShare": 25}]}""")]
    [InlineData("""{"participantId": "{p}", "moment": "intake", "measuredOn": "2999-01-05", "domains": [{"domain": "finances", "level": 3, "ownShare": 50, "networkShare": 25, "professionalShare": 25}]}""")]
    [InlineData("""{"participantId": "{p}", "moment": "later", "measuredOn": "2026-01-05", "domains": [{"domain": "finances", "level": 3, "ownShare": 50, "networkShare": 25, "professionalShare": 25}]}""")]
    [InlineData("""{"participantId": "{p}", "moment": "intake", "measuredOn": "2026-01-05", "domains": []}""")]
    [InlineData("""{"participantId": "{p}", "moment": "intake", "measuredOn": "2026-01-05", "domains": [{"domain": "finances", "level": 3, "ownShare": 50, "networkShare": 25, "professionalShare": 25}, {"domain": "finances", "level": 2, "ownShare": 50, "networkShare": 25, "professionalShare": 25}]}""")]
    [InlineData("""{"participantId": "{p}", "moment": "intake", "measuredOn": "gisteren", "domains": [{"domain": "finances", "level": 3, "ownShare": 50, "networkShare": 25, "professionalShare": 25}]}""")]
    [InlineData("""{"participantId": "{p}", "moment": "intake", "measuredOn": "2026-01-05", "domains": [null]}""")]
    [InlineData("""{"participantId": "{p}", "moment": "intake", "measuredOn": "2026-01-05", "domains": "finances"}""")]
    [InlineData("""{"moment": "intake", "measuredOn": "2026-01-05", "domains": [{"domain": "finances", "level": 3, "ownShare": 50, "networkShare": 25, "professionalShare": 25}]}""")]
    public async Task A_bad_measurement_is_a_400_and_appends_nothing(string body)
    {
        var staff = api.NewTenant(Roles.Caseworker);
        var caseId = await staff.OpenCase();
        var parent = await staff.AddParticipant(caseId);

        (await staff.PostRaw($"/api/cases/{caseId}/measurements", body.Replace("{p}", parent.ToString()))).ShouldBeBadRequest();

        Assert.Equal(2L, await staff.CurrentVersion(caseId));
    }

    [Fact]
    public async Task Only_a_resident_parent_or_youth_of_the_case_is_measured_and_only_by_caseworkers()
    {
        var staff = api.NewTenant(Roles.Caseworker);
        var caseId = await staff.OpenCase();
        var volunteer = await staff.AddParticipant(caseId, "volunteer", "Henk de Vries");

        (await staff.Post($"/api/cases/{caseId}/measurements", Measurement(volunteer))).ShouldBeProblem(409, "participant-not-measurable");
        (await staff.Post($"/api/cases/{caseId}/measurements", Measurement(Guid.NewGuid()))).ShouldBeProblem(409, "unknown-participant");
        (await staff.WithRoles(Roles.Manager).Post($"/api/cases/{caseId}/measurements", Measurement(volunteer))).ShouldBeProblem(403);
        (await api.NewTenant(Roles.Caseworker).Post($"/api/cases/{caseId}/measurements", Measurement(volunteer))).ShouldBeProblem(404);
        Assert.Equal(2L, await staff.CurrentVersion(caseId));
    }
}
