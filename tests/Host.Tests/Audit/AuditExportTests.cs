using System.Text.Json.Nodes;
using Participation.Host.Security;
using Participation.Host.Tests.Support;

namespace Participation.Host.Tests.Audit;

/// <summary>
/// A host of its own that runs alone (managed memory is measured for the whole process, so no
/// other test may allocate meanwhile).
/// </summary>
public sealed class ExportFixture() : ApiFixture("export_tests");

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ExportCollection : ICollectionFixture<ExportFixture>
{
    public const string Name = "export";
}

[Collection(ExportCollection.Name)]
public sealed class AuditExportTests(ExportFixture api)
{
    [Fact]
    public async Task The_export_applies_the_audit_filters()
    {
        var caseworker = api.NewTenant(Roles.Caseworker);
        var caseId = await caseworker.OpenCase();
        await caseworker.OpenCase();
        await caseworker.AddParticipant(caseId);

        var export = (await caseworker.WithRoles(Roles.Auditor).Get($"/api/audit/export?caseId={caseId}")).ShouldBe(200);

        var lines = export.Body.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.Equal(["case_opened", "participant_joined"], lines.Select(l => (string)l["type"]!));
        Assert.All(lines, l => Assert.Equal(caseId, (Guid)l["caseId"]!));
        Assert.Equal("parent", (string?)lines[1]["data"]!["role"]);
    }
}
