using Participation.Host.Http;
using Participation.Host.Operations;
using Participation.Host.Security;
using Participation.Host.Tests.Support;

namespace Participation.Host.Tests.Tenancy;

/// <summary>
/// The database-per-tenant mode (ADR 40) through HTTP: each municipality's events and read models in its own database, the
/// reads that run our own statements beside Marten's in the tenant's database, a tenant without a database refused, and a
/// tenant added by the operator's command while the host runs served at once.
/// </summary>
public sealed class DatabasePerTenantTests(DatabasePerTenantFixture fixture) : IClassFixture<DatabasePerTenantFixture>
{
    [Fact]
    public async Task Each_municipality_s_cases_live_in_its_own_database_and_nowhere_else()
    {
        var amsterdam = fixture.As("amsterdam");
        var denbosch = fixture.As("denbosch");
        var inAmsterdam = await amsterdam.OpenCase(Scenarios.NewCase(title: "Moestuin in Noord"));
        var inDenbosch = await denbosch.OpenCase(Scenarios.NewCase(title: "Sport in de Haren"));

        Assert.Equal(1L, await fixture.ScalarAsync("amsterdam", $"select count(*) from participation.mt_streams where id = '{inAmsterdam}'"));
        Assert.Equal(0L, await fixture.ScalarAsync("amsterdam", $"select count(*) from participation.mt_streams where id = '{inDenbosch}'"));
        Assert.Equal(1L, await fixture.ScalarAsync("denbosch", $"select count(*) from participation.mt_streams where id = '{inDenbosch}'"));
        Assert.Null(await fixture.ScalarAsync("master", "select to_regclass('participation.mt_streams')::text"));

        Assert.Equal("Moestuin in Noord", (await amsterdam.Get($"/api/cases/{inAmsterdam}")).Json["title"]!.GetValue<string>());
        Assert.Equal(404, (await amsterdam.Get($"/api/cases/{inDenbosch}")).Status);
        var listed = (await denbosch.Get("/api/cases")).Json["items"]!.AsArray().Select(i => i!["id"]!.GetValue<Guid>()).ToList();
        Assert.Contains(inDenbosch, listed);
        Assert.DoesNotContain(inAmsterdam, listed);
    }

    [Fact]
    public async Task The_reads_that_run_our_own_statements_read_the_tenant_s_database()
    {
        var caseworker = fixture.As("denbosch");
        var caseId = await caseworker.OpenCase(Scenarios.NewCase(title: "Zwemmen voor iedereen"));
        var participant = await caseworker.AddParticipant(caseId);
        await caseworker.RecordContact(caseId, participant);
        var auditor = caseworker.WithRoles(Roles.Auditor, Roles.Manager);

        Assert.Equal(200, (await caseworker.Get($"/api/cases/{caseId}")).Status);
        Assert.Contains(caseId, (await caseworker.Get("/api/cases?q=zwemmen")).Json["items"]!.AsArray().Select(i => i!["id"]!.GetValue<Guid>()));
        Assert.Equal(3, (await auditor.Get($"/api/cases/{caseId}/history")).Json.AsArray().Count);
        Assert.Equal("Zwemmen voor iedereen", (await auditor.Get($"/api/cases/{caseId}/state?version=1")).Json["title"]!.GetValue<string>());
        var verified = (await auditor.Get($"/api/cases/{caseId}/verify")).Json;
        Assert.True(verified["intact"]!.GetValue<bool>(), verified.ToJsonString());
        var dashboard = await auditor.Get("/api/dashboard");
        Assert.Equal(200, dashboard.Status);
        Assert.Equal(200, (await auditor.Get("/api/worklist")).Status);
        Assert.Equal(200, (await auditor.Get("/api/networks")).Status);
        var log = (await auditor.Get($"/api/processing-log?dataSubjectId={participant}")).Json;
        Assert.NotEmpty(log["items"]!.AsArray());
        Assert.Equal(0L, await fixture.ScalarAsync("amsterdam", $"select count(*) from participation.mt_events where stream_id = '{caseId}'"));
    }

    [Fact]
    public async Task Webhooks_and_the_change_feed_carry_the_events_of_the_tenant_s_own_database()
    {
        var admin = fixture.As("amsterdam", Roles.Admin);
        var callback = fixture.Receiver.NewCallback(out var path);
        var subscribed = await admin.Post("/api/subscriptions", new { callbackUrl = callback, eventTypes = new[] { "*" }, description = "Per tenant database" });
        Assert.Equal(201, subscribed.Status);
        var subscriptionId = subscribed.Json["id"]!.GetValue<Guid>();

        var caseId = await fixture.As("amsterdam").OpenCase();
        await fixture.As("denbosch").OpenCase();
        var received = await fixture.Receiver.WaitFor(path, r => r.Any(e => e.CaseId == caseId), TimeSpan.FromSeconds(30));

        Assert.All(received, r => Assert.Equal(caseId, r.CaseId));
        Assert.Equal("case_opened", received[0].Type);
        var subscription = (await admin.Get($"/api/subscriptions/{subscriptionId}")).Json;
        Assert.Equal("active", subscription["status"]!.GetValue<string>());
        Assert.Contains(caseId, (await admin.Get("/api/events?after=0&limit=1000")).Json.AsArray().Select(e => Guid.Parse(e!["subject"]!.GetValue<string>())));
        Assert.NotEmpty((await admin.Get($"/api/subscriptions/{subscriptionId}/deliveries")).Json["items"]!.AsArray());
    }

    [Fact]
    public async Task A_tenant_without_a_database_is_refused_with_a_problem_and_nothing_is_stored()
    {
        var stranger = fixture.As("nowhere");

        var opened = await stranger.Post("/api/cases", Scenarios.NewCase());

        Assert.Equal(403, opened.Status);
        Assert.Equal(ProblemTypes.TenantNotServed, opened.Json["type"]!.GetValue<string>());
        Assert.Equal(403, (await stranger.Get("/api/cases")).Status);
        Assert.Null(await fixture.ScalarAsync("master", "select to_regclass('participation.mt_events')::text"));
    }

    [Fact]
    public async Task A_tenant_added_by_the_operator_s_command_is_served_by_the_running_host_at_once()
    {
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__Marten"] = fixture.Master,
            ["Tenancy__Mode"] = "database-per-tenant",
        };

        var (added, addOutput) = await HostCommandLine.Run("participation", environment, "tenants", "add", "--tenant", "utrecht", "--connection", fixture.Database("utrecht"));
        Assert.True(added == 0, addOutput);
        var utrecht = fixture.As("utrecht");
        var caseId = await utrecht.OpenCase();

        Assert.Equal(200, (await utrecht.Get($"/api/cases/{caseId}")).Status);
        Assert.Equal(1L, await fixture.ScalarAsync("utrecht", $"select count(*) from participation.mt_streams where id = '{caseId}'"));
        var (listed, listOutput) = await HostCommandLine.Run("participation", environment, "tenants", "list");
        Assert.True(listed == 0, listOutput);
        Assert.Contains("utrecht", listOutput);
        Assert.Contains("amsterdam", listOutput);
    }

    [Fact]
    public async Task A_tenant_with_a_database_is_not_pointed_at_another_and_keeps_its_cases()
    {
        var caseId = await fixture.As("amsterdam").OpenCase();

        var refused = await Assert.ThrowsAsync<TenantHasADatabase>(() => fixture.AddTenantAsync("amsterdam", fixture.Database("elsewhere")));

        Assert.Contains("amsterdam", refused.Message);
        Assert.Equal(200, (await fixture.As("amsterdam").Get($"/api/cases/{caseId}")).Status);
        Assert.Equal(0L, await fixture.ScalarAsync("master", $"select count(*) from pg_database where datname like '%elsewhere'"));
        await fixture.AddTenantAsync("amsterdam"); // the same database again: nothing to refuse
    }

    [Fact]
    public async Task Readiness_counts_the_tenant_databases_that_answer()
    {
        using var client = fixture.Host.Server.CreateClient();
        var ready = await client.GetAsync("/health/ready");
        var body = System.Text.Json.Nodes.JsonNode.Parse(await ready.Content.ReadAsStringAsync())!;

        var database = body["checks"]!.AsArray().Single(c => c!["name"]!.GetValue<string>() == "database")!;
        Assert.Equal("Healthy", database["status"]!.GetValue<string>());
        Assert.True(database["data"]!["tenantDatabases"]!.GetValue<int>() >= DatabasePerTenantFixture.Tenants.Length, body.ToJsonString());
    }
}
