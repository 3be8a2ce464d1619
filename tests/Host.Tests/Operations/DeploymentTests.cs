using JasperFx.CodeGeneration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Participation.Host.Operations;
using Participation.Host.Security;
using Participation.Host.Tests.Support;

namespace Participation.Host.Tests.Operations;

/// <summary>Deploying with the schema applied by `resources setup` before the new version starts, instead of by every node as it starts.</summary>
public sealed class DeploymentTests
{
    private const string Schema = "deploy_tests";
    private const string Index = "mt_doc_casesummary_idx_tenant_owner";

    [Fact]
    public async Task A_host_told_not_to_apply_the_schema_leaves_it_as_deployed_and_serves_from_it()
    {
        await Sql.ExecuteAsync($"drop schema if exists {Schema} cascade");
        var (exitCode, output) = await HostCommandLine.Run(Schema, "resources", "setup");
        Assert.True(exitCode == 0, output);
        await Sql.ExecuteAsync($"drop index {Schema}.{Index}");

        await using var host = await TestHost.StartAsync(Environments.Production, Schema, [("Database:ApplySchemaOnStartup", "false"),
            ("Auth:SigningKey", ProductionHostFixture.SigningKey), ("Audit:SealKey", "deployment-test-seal-key-0123456789-abcdefghijklmnop"),
            ("Privacy:MasterKey", ProductionHostFixture.MasterKey)]);
        var tenant = "t-" + Guid.NewGuid().ToString("N")[..12];
        var caller = new Caller(host, tenant, "anna", host.Services.GetRequiredService<TokenIssuer>().Issue("anna", tenant, [Roles.Caseworker]));

        var caseId = await caller.OpenCase();
        (await caller.Get($"/api/cases/{caseId}")).ShouldBe(200);
        Assert.Equal(1, (long)(await caller.Get("/api/cases")).ShouldBe(200).Json["total"]!);
        Assert.False(await IndexExists(), "the host recreated an index: it changed the schema as it started");
    }

    [Theory]
    [InlineData(null, true, TypeLoadMode.Static)]
    [InlineData(null, false, TypeLoadMode.Dynamic)]
    [InlineData("dynamic", true, TypeLoadMode.Dynamic)]
    [InlineData("Static", false, TypeLoadMode.Static)]
    [InlineData("auto", true, TypeLoadMode.Auto)]
    public void The_code_generation_mode_follows_the_environment_unless_configured(string? configured, bool production, TypeLoadMode expected)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Wolverine:CodeGeneration"] = configured }).Build();

        Assert.Equal(expected, CodeGenerationMode.From(configuration, production));
    }

    [Fact]
    public void An_unknown_code_generation_mode_stops_the_host_with_the_allowed_values()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Wolverine:CodeGeneration"] = "fast" }).Build();

        var error = Assert.Throws<InvalidOperationException>(() => CodeGenerationMode.From(configuration, true));
        Assert.Contains("Static", error.Message);
    }

    private static async Task<bool> IndexExists() =>
        (long)(await Sql.ScalarAsync($"select count(*) from pg_indexes where schemaname = '{Schema}' and indexname = '{Index}'"))! > 0;
}
