using Alba;
using JasperFx.CommandLine;
using Marten.Events;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Hosting;
using Participation.Host.Security;
using Participation.Host.Tests.Support;

namespace Participation.Host.Tests.Operations;

/// <summary>The host as it runs in Production: pre-generated handler code, its own schema and keys, no development token route.</summary>
public sealed class ProductionHostFixture : IAsyncLifetime
{
    public const string Schema = "prod_tests";
    public const string SigningKey = "production-test-signing-key-0123456789-abcdefghijklmnop";
    public const string MasterKey = "cHJvZHVjdGlvbi10ZXN0LW1hc3Rlci1rZXktMDEyMzQ=";

    public IAlbaHost Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        // The schema outlives the run: node rows of a host that never stopped (an interrupted run) would look alive
        // for StaleNodeTimeout and be given agents. This fixture owns the schema, so it starts as the only node.
        await Sql.ExecuteAsync($"do $$ begin if to_regclass('{Schema}.wolverine_nodes') is not null then delete from {Schema}.wolverine_nodes; end if; end $$");
        JasperFxEnvironment.AutoStartHost = true;
        Host = await AlbaHost.For<Program>(builder =>
        {
            builder.UseEnvironment(Environments.Production);
            builder.UseSetting("ConnectionStrings:Marten", TestDatabase.ConnectionString);
            builder.UseSetting("Marten:Schema", Schema);
            builder.UseSetting("Auth:SigningKey", SigningKey);
            builder.UseSetting("Audit:SealKey", "production-test-seal-key-0123456789-abcdefghijklmnop");
            builder.UseSetting("Privacy:MasterKey", MasterKey);
        });
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();

    public Caller As(string name, string tenant, params string[] roles) =>
        new(Host, tenant, name, Host.Services.GetRequiredService<TokenIssuer>().Issue(name, tenant, roles));
}

[CollectionDefinition(Name)]
public sealed class ProductionHostCollection : ICollectionFixture<ProductionHostFixture>
{
    public const string Name = "production-host";
}

[Collection(ProductionHostCollection.Name)]
public sealed class ProductionHostTests(ProductionHostFixture production)
{
    private Caller NewCaseworker() => production.As("anna", "t-" + Guid.NewGuid().ToString("N")[..12], Roles.Caseworker);

    [Fact]
    public async Task The_host_is_ready()
    {
        (await NewCaseworker().Get("/health/ready", ("Authorization", ""))).ShouldBe(200);
    }

    [Fact]
    public async Task The_development_token_route_does_not_exist()
    {
        var anonymous = NewCaseworker();

        var response = await anonymous.Post("/dev/tokens", new { name = "eve", tenant = "amsterdam", roles = new[] { Roles.Admin } }, ("Authorization", ""));

        response.ShouldBe(404);
        Assert.DoesNotContain("token\"", response.Body);
    }

    [Fact]
    public async Task A_case_can_be_opened_and_read_with_a_token_signed_with_the_configured_key()
    {
        var caller = NewCaseworker();

        var caseId = await caller.OpenCase();
        var state = (await caller.Get($"/api/cases/{caseId}")).ShouldBe(200);

        Assert.Equal(caseId, (Guid)state.Json["id"]!);
        Assert.Equal("\"1\"", state.ETag);
        Assert.Equal(1, (long)(await caller.Get("/api/cases")).ShouldBe(200).Json["total"]!);
    }

    [Fact]
    public async Task Wolverine_runs_the_async_projections_across_the_nodes_and_they_feed_the_dashboard()
    {
        var caller = NewCaseworker();
        await caller.OpenCase();

        // Marten's own daemon is off; Wolverine assigns the projection shards to nodes once its leader is elected.
        Assert.Null(production.Host.Services.GetService<JasperFx.Events.Daemon.IProjectionCoordinator>());
        await production.Host.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(90));

        var dashboard = (await caller.WithRoles(Roles.Manager).Get("/api/dashboard")).ShouldBe(200).Json;
        Assert.Equal((1, 0), ((int)dashboard["open"]!, (int)dashboard["closed"]!));
    }

    [Fact]
    public async Task A_token_signed_with_the_development_key_is_refused()
    {
        var caller = NewCaseworker();
        var developmentKey = new Microsoft.IdentityModel.Tokens.SymmetricSecurityKey(
            System.Text.Encoding.UTF8.GetBytes("development-only-signing-key-not-for-production-use-0123456789"));
        var token = Tokens.Sign(developmentKey, Tokens.Claims("eve", caller.Tenant, Roles.Admin));

        (await caller.Get("/api/cases", ("Authorization", "Bearer " + token))).ShouldBeProblem(401);
    }

    [Theory]
    [InlineData("http://93.184.216.34/hook")]
    [InlineData("https://127.0.0.1/hook")]
    [InlineData("https://localhost/hook")]
    [InlineData("https://10.0.0.8/hook")]
    [InlineData("https://169.254.169.254/latest/meta-data")]
    [InlineData("https://[::1]/hook")]
    public async Task Outside_development_webhooks_go_only_to_https_on_public_addresses(string callbackUrl)
    {
        var admin = production.As("anna", "t-" + Guid.NewGuid().ToString("N")[..12], Roles.Admin);

        (await admin.Post("/api/subscriptions", new { callbackUrl, eventTypes = new[] { "*" } })).ShouldBeBadRequest(validation: true, "callbackUrl");
    }

    [Fact]
    public async Task A_public_https_callback_is_accepted()
    {
        var admin = production.As("anna", "t-" + Guid.NewGuid().ToString("N")[..12], Roles.Admin);

        (await admin.Post("/api/subscriptions", new { callbackUrl = "https://93.184.216.34/hook", eventTypes = new[] { "case_opened" } })).ShouldBe(201);
    }
}
