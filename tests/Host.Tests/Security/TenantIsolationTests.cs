using Participation.Host.Security;
using Participation.Host.Tests.Support;

namespace Participation.Host.Tests.Security;

/// <summary>A case of another tenant does not exist for the caller: 404 on every route, never its data, nothing appended.</summary>
[Collection(ApiCollection.Name)]
public sealed class TenantIsolationTests(ApiFixture api)
{
    private static async Task<(Guid CaseId, Func<string, string> Fill)> CaseOf(Caller owner, string title)
    {
        var caseId = await owner.OpenCase(Scenarios.NewCase(title: title, description: "Alleen voor de eigen gemeente"));
        var parent = await owner.AddParticipant(caseId);
        await owner.RecordContact(caseId, parent);
        await owner.RecordStrength(caseId, parent);
        await owner.Connect(caseId, parent);
        var agreement = (Guid)(await owner.Post($"/api/cases/{caseId}/agreements", new { parties = new[] { parent }, gives = "Oppassen" }))
            .ShouldBe(200).Json["agreementId"]!;
        return (caseId, text => text.Replace("{p}", parent.ToString()).Replace("{a}", agreement.ToString()));
    }

    [Theory]
    [InlineData(Roles.Caseworker)]
    [InlineData(Roles.Manager)]
    [InlineData(Roles.Auditor)]
    [InlineData(Roles.Admin)]
    public async Task Another_tenants_case_is_a_404_to_read(string role)
    {
        var amsterdam = api.NewTenant();
        var (caseId, _) = await CaseOf(amsterdam, "Geheim buurtproject");
        var denBosch = api.NewTenant(role);

        var response = await denBosch.Get($"/api/cases/{caseId}");

        response.ShouldBeProblem(404).ShouldHaveCleanDetail();
        Assert.DoesNotContain("Geheim", response.Body);
        Assert.DoesNotContain("Fatima", response.Body);
        Assert.Null(response.ETag);
    }

    [Theory]
    [MemberData(nameof(RoleTests.Commands), MemberType = typeof(RoleTests))]
    public async Task Another_tenants_case_is_a_404_to_every_command_and_nothing_is_appended(string route, string body)
    {
        var amsterdam = api.NewTenant();
        var (caseId, fill) = await CaseOf(amsterdam, "Geheim buurtproject");
        if (route == "reopen") (await amsterdam.Post($"/api/cases/{caseId}/close", new { outcome = "stopped", summary = "Gestopt" })).ShouldBe(200);
        var before = await amsterdam.CurrentVersion(caseId);

        foreach (var role in new[] { Roles.Caseworker, Roles.Admin })
        {
            var denBosch = api.NewTenant(role);
            var response = await denBosch.PostRaw($"/api/cases/{caseId}/{fill(route)}", fill(body));
            response.ShouldBeProblem(404).ShouldHaveCleanDetail();
            Assert.DoesNotContain("Geheim", response.Body);

            // With the case's own version as If-Match, still nothing: not a 412 that would confirm the case exists.
            (await denBosch.PostRaw($"/api/cases/{caseId}/{fill(route)}", fill(body), ("If-Match", $"\"{before}\""))).ShouldBeProblem(404);
        }

        Assert.Equal(before, await amsterdam.CurrentVersion(caseId));
    }

    [Fact]
    public async Task A_tenant_with_the_same_user_name_does_not_see_the_case_either()
    {
        var amsterdam = api.As("anna", "t-" + Guid.NewGuid().ToString("N")[..12], Roles.Caseworker);
        var (caseId, _) = await CaseOf(amsterdam, "Geheim buurtproject");
        var denBosch = api.As("anna", "t-" + Guid.NewGuid().ToString("N")[..12], Roles.Caseworker, Roles.Admin);

        (await denBosch.Get($"/api/cases/{caseId}")).ShouldBeProblem(404);
        (await denBosch.Post($"/api/cases/{caseId}/assign", new { owner = "anna" })).ShouldBeProblem(404);
        Assert.Equal("anna", (string?)(await amsterdam.Get($"/api/cases/{caseId}")).Json["openedBy"]);
    }

    [Fact]
    public async Task Another_tenants_case_never_appears_in_the_list_or_a_search()
    {
        var word = "Zeldzaam" + Guid.NewGuid().ToString("N")[..8];
        var amsterdam = api.NewTenant();
        var (caseId, _) = await CaseOf(amsterdam, $"{word} buurtproject");
        var denBosch = api.NewTenant(Roles.Admin);
        var ownCase = await denBosch.OpenCase(Scenarios.NewCase(title: "Eigen project"));

        foreach (var query in new[]
                 {
                     "", "?q=" + word, "?q=" + word.ToLowerInvariant(), "?q=buurtproject", "?q=slotermeer", "?neighbourhood=E38", "?domain=sport",
                     "?status=open", "?phase=engage", "?owner=anna", "?pageSize=200", "?sort=title", "?sort=-openedAt",
                 })
        {
            var list = (await denBosch.Get("/api/cases" + query)).ShouldBe(200);
            Assert.DoesNotContain(caseId.ToString(), list.Body);
            Assert.DoesNotContain(word, list.Body, StringComparison.OrdinalIgnoreCase);
            Assert.All(list.Json["items"]!.AsArray(), item => Assert.Equal(ownCase, (Guid)item!["id"]!));
        }

        var own = (await amsterdam.Get("/api/cases?q=" + word.ToLowerInvariant())).ShouldBe(200).Json;
        Assert.Equal(1, (long)own["total"]!);
        Assert.Equal(caseId, (Guid)own["items"]![0]!["id"]!);
        Assert.Equal(0, (long)(await denBosch.Get("/api/cases?q=" + word)).Json["total"]!);
        Assert.Equal(1, (long)(await denBosch.Get("/api/cases")).Json["total"]!);
    }

    [Fact]
    public async Task Another_tenant_adding_a_participant_with_a_known_id_does_not_touch_the_case()
    {
        var amsterdam = api.NewTenant();
        var (caseId, fill) = await CaseOf(amsterdam, "Geheim buurtproject");
        var before = await amsterdam.CurrentVersion(caseId);
        var denBosch = api.NewTenant();

        (await denBosch.PostRaw($"/api/cases/{caseId}/participants", fill("""{"participantId": "{p}", "role": "parent", "displayName": "Indringer"}""")))
            .ShouldBeProblem(404);
        (await denBosch.PostRaw($"/api/cases/{caseId}/participants/{fill("{p}")}/leave", """{"reason": "Weg"}""")).ShouldBeProblem(404);

        Assert.Equal(before, await amsterdam.CurrentVersion(caseId));
        var participants = (await amsterdam.Get($"/api/cases/{caseId}")).Json["participants"]!.AsArray();
        Assert.Single(participants);
        Assert.True((bool)participants[0]!["active"]!);
    }
}
