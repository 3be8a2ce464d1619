using System.Text.Json.Nodes;
using Marten;
using Marten.Events;
using Participation.Host.Operations;
using Participation.Host.Security;
using Participation.Host.Tests.Support;
using Participation.Projections.Progress;

namespace Participation.Host.Tests.Operations;

/// <summary>A host of its own: the test makes its schema look like one written before ADR 18 and ADR 20.</summary>
public sealed class ReadModelUpgradeFixture() : ApiFixture("upgrade_tests");

/// <summary>
/// Upgrading a database written before the case read model moved into rows (ADR 18) and before the list's columns and the
/// dashboard's figures (ADR 20): those read models are empty or incomplete for what was written before, so the node must
/// say so until the operator has rebuilt them, and then answer the case, the list and the dashboard as before.
/// </summary>
public sealed class ReadModelUpgradeTests(ReadModelUpgradeFixture fixture) : IClassFixture<ReadModelUpgradeFixture>
{
    private static readonly (string, string) NoToken = ("Authorization", "");

    [Fact]
    public async Task A_database_from_before_the_upgrades_is_not_ready_until_each_rebuild_and_then_answers_as_before()
    {
        var caseworker = fixture.NewTenant(Roles.Caseworker);
        var manager = caseworker.WithRoles(Roles.Manager);
        var (caseId, _) = await caseworker.CaseInPhase("strengthen");
        await caseworker.OpenCase(Scenarios.NewCase(title: "Zwemles voor moeders"));
        await fixture.Host.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));
        var before = (await caseworker.Get($"/api/cases/{caseId}")).ShouldBe(200).Body;
        var list = (await caseworker.Get("/api/cases?sort=title")).ShouldBe(200).Body;
        var found = (await caseworker.Get("/api/cases?q=zwemles")).ShouldBe(200).Body;
        var dashboard = Dashboards.WithoutAsOf((await manager.Get("/api/dashboard")).ShouldBe(200).Body);

        // What an upgrade finds: the old table and no rows of the case read model, summaries without their search rows, no figures.
        var s = fixture.Schema;
        await Sql.ExecuteAsync($"""
            create table {s}.{ReadModelUpgradeCheck.LegacyCaseDetailsTable} (tenant_id varchar, id uuid, data jsonb, primary key (tenant_id, id));
            delete from {s}.mt_doc_casedetailshead; delete from {s}.mt_doc_caseparticipantentry; delete from {s}.mt_doc_casecontactentry;
            delete from {s}.mt_doc_casestrengthentry; delete from {s}.mt_doc_caseconnectionentry; delete from {s}.mt_doc_caseagreemententry;
            delete from {s}.mt_doc_casesearchtext;
            delete from {s}.{ProgressFigureTable.Name};
            """);
        try
        {
            (await caseworker.Get($"/api/cases/{caseId}")).ShouldBe(404);
            Assert.NotEqual(found, (await caseworker.Get("/api/cases?q=zwemles")).ShouldBe(200).Body);
            var waiting = ReadModels((await caseworker.Get("/health/ready", NoToken)).ShouldBe(503).Json);
            Assert.Equal("Unhealthy", (string?)waiting["status"]);
            foreach (var projection in new[] { "CaseDetails", "CaseSummary", "CaseProgress" })
            {
                Assert.Contains($"'projections rebuild -p {projection}'", (string?)waiting["description"]);
                Assert.Contains(fixture.LogLines, l => l.StartsWith("Error") && l.Contains($"The read model {projection} in schema {s} was written before"));
            }

            foreach (var projection in new[] { "CaseDetails", "CaseSummary", "CaseProgress" })
            {
                var (exitCode, output) = await HostCommandLine.Run(s, "projections", "rebuild", "-p", projection);
                Assert.True(exitCode == 0 && !output.Contains("Errors detected"), output);
            }
            Assert.Equal(before, (await caseworker.Get($"/api/cases/{caseId}")).ShouldBe(200).Body);
            Assert.Equal(list, (await caseworker.Get("/api/cases?sort=title")).ShouldBe(200).Body);
            Assert.Equal(found, (await caseworker.Get("/api/cases?q=zwemles")).ShouldBe(200).Body);
            Assert.Equal(dashboard, Dashboards.WithoutAsOf((await manager.Get("/api/dashboard")).ShouldBe(200).Body));

            // Only the old table's drop says the case read model's rebuild is done.
            var rebuilt = ReadModels((await caseworker.Get("/health/ready", NoToken)).ShouldBe(503).Json);
            Assert.Contains("CaseDetails", (string?)rebuilt["description"]);
            Assert.DoesNotContain("CaseSummary", (string?)rebuilt["description"]);
            Assert.DoesNotContain("CaseProgress", (string?)rebuilt["description"]);
        }
        finally
        {
            await Sql.ExecuteAsync($"drop table if exists {s}.{ReadModelUpgradeCheck.LegacyCaseDetailsTable}");
        }

        Assert.Equal("Healthy", (string?)ReadModels((await caseworker.Get("/health/ready", NoToken)).ShouldBe(200).Json)["status"]);
    }

    private static JsonNode ReadModels(JsonNode report) => report["checks"]!.AsArray().Single(c => (string?)c!["name"] == "read-models")!;
}
