using Participation.Host.Security;
using Participation.Host.Tests.Support;

namespace Participation.Host.Tests.FollowUp;

[Collection(FollowUpCollection.Name)]
public sealed class NormsTests(FollowUpFixture api)
{
    [Fact]
    public async Task Without_norms_a_tenant_has_a_contact_moment_every_30_calendar_days()
    {
        var admin = api.NewStory();
        var norms = (await admin.Get("/api/norms")).ShouldBe(200).Json;
        Assert.Equal(0, (long)norms["version"]!);
        var only = Assert.Single(norms["norms"]!.AsArray())!;
        Assert.Equal("*", (string?)only["domain"]);
        Assert.Equal("*", (string?)only["phase"]);
        Assert.Equal(30, (int)only["maxDaysWithoutContact"]!);
        Assert.Equal("calendar", (string?)only["dayKind"]);
    }

    [Fact]
    public async Task Norms_set_are_in_force_and_every_change_is_on_record_with_who_and_when()
    {
        var admin = api.NewStory();
        (await admin.PutNorms(new { norms = new[] { new { domain = "*", phase = "*", maxDaysWithoutContact = 20 } } })).ShouldBe(200);
        api.Clock.Advance(TimeSpan.FromDays(1));
        var set = (await admin.PutNorms(new
        {
            norms = new object[]
            {
                new { domain = "*", phase = "*", maxDaysWithoutContact = 14 },
                new { domain = "jeugdzorg", phase = "engage", maxDaysInPhase = 10, dayKind = "working" },
            },
            remeasureAfterDays = 90,
        })).ShouldBe(200);
        Assert.Equal("\"2\"", set.ETag);

        var norms = (await admin.Get("/api/norms")).ShouldBe(200).Json;
        Assert.Equal(2, (long)norms["version"]!);
        Assert.Equal(90, (int)norms["remeasureAfterDays"]!);
        Assert.Equal("working", (string?)norms["norms"]![1]!["dayKind"]);
        Assert.Equal("anna", (string?)norms["setBy"]);

        var history = (await admin.Get("/api/norms/history")).ShouldBe(200).Json["items"]!.AsArray();
        Assert.Equal([1L, 2L], history.Select(h => (long)h!["version"]!));
        Assert.Equal(api.Start, (DateTimeOffset)history[0]!["setAt"]!);
        Assert.Equal(api.Start.AddDays(1), (DateTimeOffset)history[1]!["setAt"]!);
        Assert.Equal(20, (int)history[0]!["norms"]![0]!["maxDaysWithoutContact"]!);
    }

    [Fact]
    public async Task Invalid_norms_are_a_400_with_field_errors_and_change_nothing()
    {
        var admin = api.NewStory();
        var problem = (await admin.PutNorms(new
        {
            norms = new object[]
            {
                new { domain = "voetbal", phase = "*", maxDaysWithoutContact = 10 },
                new { domain = "*", phase = "engage", maxDaysInPhase = 0 },
                new { domain = "*", phase = "connect" },
            },
            remeasureAfterDays = -1,
        })).ShouldBeProblem(400);
        Assert.NotNull(problem["errors"]!["norms[0].domain"]);

        problem = (await admin.PutNorms(new
        {
            norms = new object[] { new { domain = "*", phase = "engage", maxDaysInPhase = 0 }, new { domain = "*", phase = "connect" } },
            remeasureAfterDays = -1,
        })).ShouldBeProblem(400);
        Assert.NotNull(problem["errors"]!["norms[0].maxDaysInPhase"]);
        Assert.NotNull(problem["errors"]!["norms[1]"]);
        Assert.NotNull(problem["errors"]!["remeasureAfterDays"]);

        (await admin.PutNorms(new { norms = new[] { new { domain = "*", phase = "*", maxDaysWithoutContact = 5 }, new { domain = "*", phase = "*", maxDaysWithoutContact = 6 } } }))
            .ShouldBeProblem(400);
        (await admin.PutNorms(new { norms = new[] { new { domain = "*", phase = "*", maxDaysWithoutContact = 5, dayKind = "weekly" } } })).ShouldBeProblem(400);
        (await admin.PutNorms("{\"norms\": [")).ShouldBeProblem(400);
        Assert.Equal(0, (long)(await admin.Get("/api/norms")).ShouldBe(200).Json["version"]!);
        Assert.Empty((await admin.Get("/api/norms/history")).ShouldBe(200).Json["items"]!.AsArray());
    }

    [Fact]
    public async Task Only_an_admin_sets_norms_and_only_auditors_and_admins_read_their_history()
    {
        var admin = api.NewStory();
        var caseworker = admin.WithRoles(Roles.Caseworker);
        (await caseworker.PutNorms(new { norms = Array.Empty<object>() })).ShouldBeProblem(403);
        (await caseworker.Get("/api/norms")).ShouldBe(200);
        (await caseworker.Get("/api/norms/history")).ShouldBeProblem(403);
        (await admin.WithRoles(Roles.Auditor).Get("/api/norms/history")).ShouldBe(200);
    }

    [Fact]
    public async Task Another_tenants_norms_are_its_own()
    {
        var admin = api.NewStory();
        (await admin.PutNorms(new { norms = new[] { new { domain = "*", phase = "*", maxDaysWithoutContact = 3 } } })).ShouldBe(200);
        var other = api.NewStory();
        Assert.Equal(30, (int)(await other.Get("/api/norms")).ShouldBe(200).Json["norms"]![0]!["maxDaysWithoutContact"]!);
        Assert.Empty((await other.Get("/api/norms/history")).ShouldBe(200).Json["items"]!.AsArray());
    }
}
