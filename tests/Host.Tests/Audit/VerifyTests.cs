using JasperFx;
using Marten;
using Microsoft.Extensions.Configuration;
using Npgsql;
using Participation.Domain.Cases;
using Participation.Host.Audit;
using Participation.Host.Cases;
using Participation.Host.Operations;
using Participation.Host.Privacy;
using Participation.Host.Audit.Seals;
using Participation.Host.Security;
using Participation.Host.Tests.Support;

namespace Participation.Host.Tests.Audit;

[Collection(ApiCollection.Name)]
public sealed class VerifyTests(ApiFixture api)
{
    [Fact]
    public async Task A_history_as_written_is_intact()
    {
        var caseworker = api.NewTenant(Roles.Caseworker);
        var (caseId, _) = await caseworker.CaseInPhase("connect");
        (await caseworker.Post($"/api/cases/{caseId}/close", new { outcome = "achieved", summary = "Gelukt – één fonds" })).ShouldBe(200);

        var verdict = (await caseworker.WithRoles(Roles.Auditor).Get($"/api/cases/{caseId}/verify")).ShouldBe(200).Json;

        Assert.True((bool)verdict["intact"]!);
        Assert.Null(verdict["firstBrokenVersion"]);
        Assert.Equal(8, (long)verdict["version"]!);
    }

    [Fact]
    public async Task The_chain_stays_intact_when_another_node_appended_since_this_node_last_sealed_the_stream()
    {
        var caseworker = api.NewTenant(Roles.Caseworker);
        var (caseId, _) = await caseworker.CaseInPhase("connect"); // this node now remembers the seal of version 7
        await using (var otherNode = OtherNode())
        {
            await using var session = otherNode.GetRequiredService<IDocumentStore>().LightweightSession(caseworker.Tenant);
            session.Events.Append(caseId, new CaseAssigned("piet", null, "other-node", DateTimeOffset.UtcNow));
            await session.SaveChangesAsync();
        }

        (await caseworker.Post($"/api/cases/{caseId}/assign", new { owner = "anna" })).ShouldBe(200);

        var verdict = (await caseworker.WithRoles(Roles.Auditor).Get($"/api/cases/{caseId}/verify")).ShouldBe(200).Json;
        Assert.Equal(9, (long)verdict["version"]!);
        Assert.True((bool)verdict["intact"]!, $"broken at {verdict["firstBrokenVersion"]}");
    }

    [Fact]
    public async Task An_event_changed_into_another_shape_is_a_problem_that_points_to_verify_on_every_read_of_it()
    {
        var caseworker = api.NewTenant(Roles.Caseworker);
        var caseId = await caseworker.OpenCase();
        (await caseworker.Post($"/api/cases/{caseId}/assign", new { owner = "piet" })).ShouldBe(200);
        var auditor = caseworker.WithRoles(Roles.Auditor);
        await Sql.ExecuteAsync($"update {api.Schema}.mt_events set data = '{{\"owner\": 5}}' where stream_id = '{caseId}' and version = 2");

        foreach (var read in new[] { $"/api/cases/{caseId}/history", $"/api/cases/{caseId}/state?version=2", $"/api/audit?caseId={caseId}" })
        {
            var problem = (await auditor.Get(read)).ShouldBeProblem(500);
            Assert.Equal("https://participation.example/problems/stored-event-unreadable", (string?)problem["type"]);
            Assert.Contains("case_assigned", (string?)problem["detail"]);
            Assert.Contains("/verify", (string?)problem["detail"]);
        }
        var verdict = (await auditor.Get($"/api/cases/{caseId}/verify")).ShouldBe(200).Json;
        Assert.Equal(2, (long)verdict["firstBrokenVersion"]!);
    }

    [Theory]
    [InlineData("update {0}.mt_events set data = jsonb_set(data, '{{summary}}', '\"Iets anders\"') where stream_id = @id and version = 3", 3)]
    [InlineData("update {0}.mt_events set user_name = 'mallory' where stream_id = @id and version = 2", 2)]
    [InlineData("update {0}.mt_events set type = 'case_reopened' where stream_id = @id and version = 4", 4)]
    [InlineData("delete from {0}.mt_events where stream_id = @id and version = 5", 5)]
    [InlineData("delete from {0}.mt_events where stream_id = @id and version = 7", 7)]
    [InlineData("update {0}.mt_events set headers = jsonb_set(headers, '{{seal}}', '\"00\"') where stream_id = @id and version = 6", 6)]
    public async Task A_row_changed_in_the_database_is_detected_at_its_version(string sql, long brokenVersion)
    {
        var caseworker = api.NewTenant(Roles.Caseworker);
        var (caseId, _) = await caseworker.CaseInPhase("connect");
        var auditor = caseworker.WithRoles(Roles.Auditor);
        Assert.True((bool)(await auditor.Get($"/api/cases/{caseId}/verify")).Json["intact"]!);

        await using (var connection = new NpgsqlConnection(TestDatabase.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(string.Format(sql, api.Schema), connection);
            command.Parameters.AddWithValue("id", caseId);
            Assert.Equal(1, await command.ExecuteNonQueryAsync());
        }

        var verdict = (await auditor.Get($"/api/cases/{caseId}/verify")).ShouldBe(200).Json;
        Assert.False((bool)verdict["intact"]!);
        Assert.Equal(brokenVersion, (long)verdict["firstBrokenVersion"]!);
    }

    [Fact]
    public async Task Only_auditors_and_admins_verify_and_other_tenants_see_no_case()
    {
        var caseworker = api.NewTenant(Roles.Caseworker);
        var caseId = await caseworker.OpenCase();

        (await caseworker.Get($"/api/cases/{caseId}/verify")).ShouldBeProblem(403);
        (await caseworker.WithRoles(Roles.Manager).Get($"/api/cases/{caseId}/verify")).ShouldBeProblem(403);
        (await caseworker.WithRoles(Roles.Admin).Get($"/api/cases/{caseId}/verify")).ShouldBe(200);
        (await api.NewTenant(Roles.Auditor).Get($"/api/cases/{caseId}/verify")).ShouldBeProblem(404);
        (await caseworker.WithRoles(Roles.Auditor).Get($"/api/cases/{Guid.NewGuid()}/verify")).ShouldBeProblem(404);
    }

    /// <summary>A second node on the same database: the store composed by the Host's own registrations, with a memory of chain heads of its own.</summary>
    private ServiceProvider OtherNode()
    {
        var configuration = api.Host.Services.GetRequiredService<IConfiguration>();
        var services = new ServiceCollection().AddCases(configuration).AddPrivacy(configuration).AddAudit(configuration);
        services.AddMarten(options =>
        {
            options.Connection(TestDatabase.ConnectionString);
            EventStore.Configure(options, configuration);
            options.AutoCreateSchemaObjects = AutoCreate.None;
        });
        return services.BuildServiceProvider();
    }
}
