using Participation.Host.Operations;
using Participation.Host.Security;
using Participation.Host.Tests.Support;

namespace Participation.Host.Tests.Operations;

/// <summary>A host of its own: the test makes its schema look like one written before ADR 18.</summary>
public sealed class CaseReadModelUpgradeFixture() : ApiFixture("upgrade_tests");

/// <summary>
/// Upgrading a database written before ADR 18, when the case read model was one document per case: the head and
/// list rows that replaced it are empty for the cases opened before, so the node must say so until the operator has
/// rebuilt them, and then answer every case as before.
/// </summary>
public sealed class CaseReadModelUpgradeTests(CaseReadModelUpgradeFixture fixture) : IClassFixture<CaseReadModelUpgradeFixture>
{
    private static readonly (string, string) NoToken = ("Authorization", "");

    [Fact]
    public async Task A_database_from_before_the_row_read_model_is_not_ready_until_the_rebuild_and_then_answers_its_cases_as_before()
    {
        var caseworker = fixture.NewTenant(Roles.Caseworker);
        var (caseId, _) = await caseworker.CaseInPhase("strengthen");
        var before = (await caseworker.Get($"/api/cases/{caseId}")).ShouldBe(200).Body;
        var list = (await caseworker.Get("/api/cases")).ShouldBe(200).Body;

        // What the upgrade finds: the old table, and no rows of the new read model for the case.
        var s = fixture.Schema;
        await Sql.ExecuteAsync($"""
            create table {s}.{CaseReadModelUpgradeCheck.LegacyTable} (tenant_id varchar, id uuid, data jsonb, primary key (tenant_id, id));
            delete from {s}.mt_doc_casedetailshead; delete from {s}.mt_doc_caseparticipantentry; delete from {s}.mt_doc_casecontactentry;
            delete from {s}.mt_doc_casestrengthentry; delete from {s}.mt_doc_caseconnectionentry; delete from {s}.mt_doc_caseagreemententry;
            """);
        try
        {
            (await caseworker.Get($"/api/cases/{caseId}")).ShouldBe(404);
            Assert.Equal(list, (await caseworker.Get("/api/cases")).ShouldBe(200).Body);
            var waiting = (await caseworker.Get("/health/ready", NoToken)).ShouldBe(503).Json;
            var check = waiting["checks"]!.AsArray().Single(c => (string?)c!["name"] == "case-read-model")!;
            Assert.Equal("Unhealthy", (string?)check["status"]);
            Assert.Contains("projections rebuild -p CaseDetails", (string?)check["description"]);
            Assert.Contains(fixture.LogLines, l => l.StartsWith("Error") && l.Contains($"{s} still holds {CaseReadModelUpgradeCheck.LegacyTable}"));

            var (exitCode, output) = await HostCommandLine.Run(s, "projections", "rebuild", "-p", "CaseDetails");
            Assert.True(exitCode == 0 && !output.Contains("Errors detected"), output);
            Assert.Equal(before, (await caseworker.Get($"/api/cases/{caseId}")).ShouldBe(200).Body);
            (await caseworker.Get("/health/ready", NoToken)).ShouldBe(503);
        }
        finally
        {
            await Sql.ExecuteAsync($"drop table if exists {s}.{CaseReadModelUpgradeCheck.LegacyTable}");
        }

        var ready = (await caseworker.Get("/health/ready", NoToken)).ShouldBe(200).Json;
        Assert.Equal("Healthy", (string?)ready["checks"]!.AsArray().Single(c => (string?)c!["name"] == "case-read-model")!["status"]);
    }
}
