using Participation.Host.Security;
using Participation.Host.Tests.Support;

namespace Participation.Host.Tests.Audit;

[Collection(ApiCollection.Name)]
public sealed class AuditLogTests(ApiFixture api)
{
    [Fact]
    public async Task The_audit_log_lists_the_tenants_events_filtered_and_paged_in_sequence_order()
    {
        var anna = api.NewTenant(Roles.Caseworker);
        var piet = api.As("piet", anna.Tenant, Roles.Caseworker);
        var first = await anna.OpenCase();
        var second = await piet.OpenCase();
        await piet.AddParticipant(first);
        (await anna.Post($"/api/cases/{second}/assign", new { owner = "piet" })).ShouldBe(200);
        var auditor = anna.WithRoles(Roles.Auditor);

        var all = (await auditor.Get("/api/audit")).ShouldBe(200).Json;
        Assert.Equal(4, (long)all["total"]!);
        var sequences = all["items"]!.AsArray().Select(e => (long)e!["sequence"]!).ToList();
        Assert.Equal(sequences.Order(), sequences);

        var byPiet = (await auditor.Get("/api/audit?user=piet")).ShouldBe(200).Json["items"]!.AsArray();
        Assert.Equal(["case_opened", "participant_joined"], byPiet.Select(e => (string)e!["type"]!));

        var ofFirst = (await auditor.Get($"/api/audit?caseId={first}")).ShouldBe(200).Json["items"]!.AsArray();
        Assert.All(ofFirst, e => Assert.Equal(first, (Guid)e!["caseId"]!));
        Assert.Equal(2, ofFirst.Count);

        var assignments = (await auditor.Get("/api/audit?type=case_assigned")).ShouldBe(200).Json["items"]!.AsArray();
        Assert.Equal(second, (Guid)Assert.Single(assignments)!["caseId"]!);

        var page2 = (await auditor.Get("/api/audit?page=2&pageSize=3")).ShouldBe(200).Json;
        Assert.Equal(sequences[3], (long)Assert.Single(page2["items"]!.AsArray())!["sequence"]!);
        Assert.Equal(4, (long)page2["total"]!);

        var timestamps = all["items"]!.AsArray().Select(e => (DateTimeOffset)e!["timestamp"]!).ToList();
        var from = Uri.EscapeDataString(timestamps[1].ToString("O"));
        var to = Uri.EscapeDataString(timestamps[3].ToString("O"));
        var window = (await auditor.Get($"/api/audit?from={from}&to={to}")).ShouldBe(200).Json["items"]!.AsArray();
        Assert.Equal(sequences[1..3], window.Select(e => (long)e!["sequence"]!));
    }

    [Fact]
    public async Task The_audit_log_is_for_auditors_and_admins_of_the_tenant_only()
    {
        var caseworker = api.NewTenant(Roles.Caseworker);
        await caseworker.OpenCase();

        (await caseworker.Get("/api/audit")).ShouldBeProblem(403);
        (await caseworker.WithRoles(Roles.Manager).Get("/api/audit")).ShouldBeProblem(403);
        (await caseworker.WithRoles(Roles.Manager).Get("/api/audit/export")).ShouldBeProblem(403);
        Assert.Equal(1, (long)(await caseworker.WithRoles(Roles.Admin).Get("/api/audit")).ShouldBe(200).Json["total"]!);
        Assert.Equal(0, (long)(await api.NewTenant(Roles.Auditor).Get("/api/audit")).ShouldBe(200).Json["total"]!);
        Assert.Equal("", (await api.NewTenant(Roles.Auditor).Get("/api/audit/export")).ShouldBe(200).Body);
    }

    [Theory]
    [InlineData("type=case_deleted")]
    [InlineData("pageSize=5000")]
    [InlineData("page=0")]
    [InlineData("page=2147483647&pageSize=1000")]
    [InlineData("user=anna%00")]
    [InlineData("caseId=not-a-guid")]
    [InlineData("from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z")]
    [InlineData("from=yesterday")]
    public async Task Bad_filters_are_a_400_problem(string filter)
    {
        var auditor = api.NewTenant(Roles.Auditor);
        (await auditor.Get($"/api/audit?{filter}")).ShouldBeProblem(400);
    }
}
