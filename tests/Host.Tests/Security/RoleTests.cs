using Participation.Host.Security;
using Participation.Host.Tests.Support;

namespace Participation.Host.Tests.Security;

/// <summary>The role table of API.md: caseworker and admin run commands; every role reads cases and lists.</summary>
[Collection(ApiCollection.Name)]
public sealed class RoleTests(ApiFixture api)
{
    /// <summary>Every case command route, with a valid body; {p} is a parent, {a} an open agreement.</summary>
    public static TheoryData<string, string> Commands => new()
    {
        { "participants", """{"role": "youth", "displayName": "Sami"}""" },
        { "participants/{p}/leave", """{"reason": "Verhuisd"}""" },
        { "contacts", """{"occurredAt": "2025-01-01T10:00:00Z", "kind": "phone", "participantIds": ["{p}"], "summary": "Gebeld"}""" },
        { "strengths", """{"participantId": "{p}", "category": "time", "description": "Heeft tijd"}""" },
        { "connections", """{"network": {"name": "Club", "kind": "sports-club"}, "participantIds": ["{p}"], "purpose": "Trainen"}""" },
        { "agreements", """{"parties": ["{p}"], "gives": "Koken"}""" },
        { "agreements/{a}/fulfil", """{"note": "Gedaan"}""" },
        { "agreements/{a}/break", """{"note": "Niet gedaan"}""" },
        { "assign", """{"owner": "piet"}""" },
        { "phase", """{"to": "strengthen"}""" },
        { "close", """{"outcome": "achieved", "summary": "Gelukt"}""" },
        { "reopen", """{"reason": "Nieuwe vraag"}""" },
    };

    private static async Task<(Guid CaseId, Func<string, string> Fill)> ReadyCase(Caller caseworker)
    {
        var (caseId, parent) = await caseworker.CaseInPhase("engage");
        var agreement = (Guid)(await caseworker.Post($"/api/cases/{caseId}/agreements", new { parties = new[] { parent }, gives = "Oppassen" }))
            .ShouldBe(200).Json["agreementId"]!;
        return (caseId, text => text.Replace("{p}", parent.ToString()).Replace("{a}", agreement.ToString()));
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task Managers_and_auditors_may_not_run_a_command(string route, string body)
    {
        var caseworker = api.NewTenant(Roles.Caseworker);
        var (caseId, fill) = await ReadyCase(caseworker);
        if (route == "reopen") (await caseworker.Post($"/api/cases/{caseId}/close", new { outcome = "stopped", summary = "Gestopt" })).ShouldBe(200);
        var before = await caseworker.CurrentVersion(caseId);

        foreach (var readers in new[] { new[] { Roles.Manager }, [Roles.Auditor], [Roles.Manager, Roles.Auditor] })
        {
            var reader = caseworker.WithRoles(readers);
            (await reader.PostRaw($"/api/cases/{caseId}/{fill(route)}", fill(body))).ShouldBeProblem(403).ShouldHaveCleanDetail();
        }

        Assert.Equal(before, await caseworker.CurrentVersion(caseId));
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task Caseworkers_and_admins_may_run_every_command(string route, string body)
    {
        foreach (var role in new[] { Roles.Caseworker, Roles.Admin })
        {
            var writer = api.NewTenant(role);
            var (caseId, fill) = await ReadyCase(writer);
            if (route == "reopen") (await writer.Post($"/api/cases/{caseId}/close", new { outcome = "stopped", summary = "Gestopt" })).ShouldBe(200);
            var before = await writer.CurrentVersion(caseId);

            var answer = (await writer.PostRaw($"/api/cases/{caseId}/{fill(route)}", fill(body))).ShouldBe(200);

            Assert.Equal(before + 1, answer.Version);
        }
    }

    [Theory]
    [InlineData(Roles.Manager)]
    [InlineData(Roles.Auditor)]
    public async Task Managers_and_auditors_may_not_open_a_case(string role)
    {
        var reader = api.NewTenant(role);

        (await reader.Post("/api/cases", Scenarios.NewCase())).ShouldBeProblem(403).ShouldHaveCleanDetail();

        Assert.Equal(0, (long)(await reader.Get("/api/cases")).ShouldBe(200).Json["total"]!);
    }

    [Theory]
    [InlineData(Roles.Caseworker)]
    [InlineData(Roles.Admin)]
    public async Task Caseworkers_and_admins_may_open_a_case(string role)
    {
        var writer = api.NewTenant(role);

        var caseId = await writer.OpenCase();

        Assert.Equal(caseId, (Guid)(await writer.Get($"/api/cases/{caseId}")).ShouldBe(200).Json["id"]!);
    }

    [Theory]
    [InlineData(Roles.Caseworker)]
    [InlineData(Roles.Manager)]
    [InlineData(Roles.Auditor)]
    [InlineData(Roles.Admin)]
    public async Task Every_role_may_read_a_case_and_the_list(string role)
    {
        var caseworker = api.NewTenant(Roles.Caseworker);
        var caseId = await caseworker.OpenCase();
        var reader = caseworker.WithRoles(role);

        var state = (await reader.Get($"/api/cases/{caseId}")).ShouldBe(200);
        Assert.Equal(caseId, (Guid)state.Json["id"]!);
        Assert.Equal("\"1\"", state.ETag);
        var list = (await reader.Get("/api/cases")).ShouldBe(200).Json;
        Assert.Equal(1, (long)list["total"]!);
        Assert.Equal(caseId, (Guid)list["items"]![0]!["id"]!);
    }

    [Theory]
    [InlineData()]
    [InlineData("superuser")]
    [InlineData("Caseworker")]
    public async Task A_token_without_a_known_role_may_neither_read_nor_write(params string[] roles)
    {
        var caseworker = api.NewTenant(Roles.Caseworker);
        var caseId = await caseworker.OpenCase();
        var nobody = api.As("anna", caseworker.Tenant, roles);

        (await nobody.Get("/api/cases")).ShouldBeProblem(403);
        (await nobody.Get($"/api/cases/{caseId}")).ShouldBeProblem(403);
        (await nobody.Post($"/api/cases/{caseId}/assign", new { owner = "piet" })).ShouldBeProblem(403);
        (await nobody.Post("/api/cases", Scenarios.NewCase())).ShouldBeProblem(403);
        Assert.Equal(1, await caseworker.CurrentVersion(caseId));
    }

    [Fact]
    public async Task A_development_token_works_on_the_api()
    {
        var anonymous = api.NewTenant();
        var tenant = "t-" + Guid.NewGuid().ToString("N")[..12];

        var issued = (await anonymous.Post("/dev/tokens", new { name = "joost", tenant, roles = new[] { Roles.Caseworker } }, ("Authorization", "")))
            .ShouldBe(200);
        var token = (string?)issued.Json["token"];
        Assert.False(string.IsNullOrWhiteSpace(token));
        var joost = new Caller(api.Host, tenant, "joost", token!);

        var caseId = await joost.OpenCase();
        var state = (await joost.Get($"/api/cases/{caseId}")).ShouldBe(200).Json;
        Assert.Equal("joost", (string?)state["openedBy"]);
        Assert.Equal(1, (long)(await joost.Get("/api/cases")).ShouldBe(200).Json["total"]!);
        // The token carries the tenant it was asked for: the same tenant's token from the issuer sees the case.
        Assert.Equal(caseId, (Guid)(await api.As("anna", tenant, Roles.Manager).Get($"/api/cases/{caseId}")).ShouldBe(200).Json["id"]!);
    }

    [Fact]
    public async Task A_development_token_with_only_reading_roles_may_not_write()
    {
        var anonymous = api.NewTenant();
        var tenant = "t-" + Guid.NewGuid().ToString("N")[..12];
        var token = (string)(await anonymous.Post("/dev/tokens", new { name = "mia", tenant, roles = new[] { Roles.Manager } }, ("Authorization", "")))
            .ShouldBe(200).Json["token"]!;
        var mia = new Caller(api.Host, tenant, "mia", token);

        (await mia.Get("/api/cases")).ShouldBe(200);
        (await mia.Post("/api/cases", Scenarios.NewCase())).ShouldBeProblem(403);
    }

    [Theory]
    [InlineData("""{"name": "joost", "tenant": "amsterdam", "roles": ["superuser"]}""", "roles")]
    [InlineData("""{"name": "joost", "tenant": "amsterdam", "roles": ["caseworker", "root"]}""", "roles")]
    [InlineData("""{"name": "", "tenant": "amsterdam", "roles": ["caseworker"]}""", "name")]
    [InlineData("""{"name": "joost", "tenant": " ", "roles": ["caseworker"]}""", "tenant")]
    public async Task A_development_token_request_with_an_unknown_role_or_a_blank_field_is_a_400(string body, string field)
    {
        var anonymous = api.NewTenant();

        (await anonymous.PostRaw("/dev/tokens", body, ("Authorization", ""))).ShouldBeBadRequest(validation: true, field);
    }

    [Theory]
    [InlineData("""{"name": "joost", "tenant": "amsterdam"}""")]
    [InlineData("""{"name": "joost", "tenant": "amsterdam", "roles": null}""")]
    [InlineData("""{"name": "joost", "tenant": "amsterdam", "roles": "caseworker"}""")]
    [InlineData("""{"tenant": "amsterdam", "roles": ["caseworker"]}""")]
    [InlineData("""{"name": null, "tenant": "amsterdam", "roles": ["caseworker"]}""")]
    [InlineData("""{"name": "joost", "tenant": "amsterdam", "roles": [null]}""")]
    [InlineData("""[]""")]
    [InlineData("""{"name": "joost",""")]
    [InlineData("null")]
    [InlineData("")]
    public async Task A_malformed_development_token_request_is_a_400_not_a_500(string body)
    {
        var anonymous = api.NewTenant();

        (await anonymous.PostRaw("/dev/tokens", body, ("Authorization", ""))).ShouldBeBadRequest();
    }
}
