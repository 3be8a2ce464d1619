using System.Text.Json.Nodes;
using Marten;
using Participation.Host.Security;
using Participation.Host.Tests.Projections;
using Participation.Host.Tests.Support;
using Participation.Projections.Cases;

namespace Participation.Host.Tests.Privacy;

/// <summary>On the rebuild host: erasure is checked through a full projection rebuild too.</summary>
[Collection(RebuildCollection.Name)]
public sealed class ErasureTests(RebuildFixture api)
{
    private const string Erased = "[erased]";

    private sealed record Person(string Name, string Phone, string Email)
    {
        public static Person Unique()
        {
            var tag = Guid.NewGuid().ToString("N")[..10];
            return new($"Zeynep Kaya-{tag}", $"06{Random.Shared.NextInt64(10_000_000, 99_999_999)}", $"zeynep.{tag}@example.nl");
        }

        public IEnumerable<string> Traces => [Name, Phone, Email];
    }

    [Fact]
    public async Task Erasing_a_participant_leaves_no_plaintext_anywhere_and_keeps_the_history_verifiable()
    {
        var zeynep = Person.Unique();
        var caseworker = api.NewTenant(Roles.Caseworker);
        var (caseId, participantId, eventsBefore) = await CaseAbout(caseworker, zeynep);
        var admin = caseworker.WithRoles(Roles.Admin);
        var before = (await admin.Get($"/api/cases/{caseId}")).ShouldBe(200).Json;
        Assert.Equal(zeynep.Name, (string?)Participant(before, participantId)["displayName"]);
        Assert.Equal(zeynep.Email, (string?)Participant(before, participantId)["contact"]!["email"]);
        Assert.Contains(zeynep.Name, (string?)before["contacts"]![0]!["summary"]);
        AssertNowhere(await DatabaseDump.AllAsync(), zeynep, "the database before erasure (personal data is stored sealed)");

        var erased = (await admin.Post($"/api/cases/{caseId}/participants/{participantId}/erase", new { })).ShouldBe(200);

        Assert.Equal(eventsBefore + 2, erased.Version);
        var after = (await admin.Get($"/api/cases/{caseId}")).ShouldBe(200).Json;
        var participant = Participant(after, participantId);
        Assert.Equal(Erased, (string?)participant["displayName"]);
        Assert.Null(participant["contact"]);
        Assert.False((bool)participant["active"]!);
        Assert.NotNull(participant["erasedAt"]);
        Assert.Equal("Henk de Vries", (string?)after["participants"]!.AsArray().Single(p => (Guid)p!["participantId"]! != participantId)!["displayName"]);
        Assert.Equal(Erased, (string?)after["contacts"]![0]!["summary"]);
        Assert.Equal(Erased, (string?)after["strengths"]![0]!["description"]);
        Assert.Equal(Erased, (string?)after["agreements"]![0]!["gives"]);
        Assert.Equal(Erased, (string?)after["agreements"]![0]!["note"]);
        Assert.Equal(Erased, (string?)after["connections"]![0]!["purpose"]);
        AssertNowhere(after.ToJsonString(), zeynep, "the case state");

        var auditor = caseworker.WithRoles(Roles.Auditor);
        var history = (await auditor.Get($"/api/cases/{caseId}/history")).ShouldBe(200).Json.AsArray();
        Assert.Equal(eventsBefore + 2, history.Count);
        Assert.Equal(Erased, (string?)history[1]!["data"]!["displayName"]);
        var erasure = history[^1]!;
        Assert.Equal("participant_erased", (string?)erasure["type"]);
        Assert.Equal(participantId, (Guid)erasure["data"]!["participantId"]!);
        Assert.Equal("anna", (string?)erasure["user"]);
        AssertNowhere(history.ToJsonString(), zeynep, "the history");
        AssertNowhere((await auditor.Get($"/api/cases/{caseId}/state?version=2")).ShouldBe(200).Body, zeynep, "time travel");
        AssertNowhere((await auditor.Get($"/api/audit/export?caseId={caseId}")).ShouldBe(200).Body, zeynep, "the audit export");
        AssertNowhere((await auditor.Get($"/api/audit?caseId={caseId}")).ShouldBe(200).Body, zeynep, "the audit log");
        Assert.True((bool)(await auditor.Get($"/api/cases/{caseId}/verify")).ShouldBe(200).Json["intact"]!);

        AssertNowhere(await DatabaseDump.AllAsync(), zeynep, "the database after erasure");
        AssertNowhere(string.Join('\n', api.LogLines), zeynep, "the logs");

        using (var daemon = await api.Host.Services.GetRequiredService<IDocumentStore>().BuildProjectionDaemonAsync())
            await daemon.RebuildProjectionAsync<CaseDetailsRowsProjection>(TimeSpan.FromMinutes(2), CancellationToken.None);
        var rebuilt = (await admin.Get($"/api/cases/{caseId}")).ShouldBe(200).Json;
        Assert.Equal(after.ToJsonString(), rebuilt.ToJsonString());
    }

    [Fact]
    public async Task Erasing_twice_is_a_no_op_and_the_erased_participant_takes_no_further_part()
    {
        var caseworker = api.NewTenant(Roles.Caseworker);
        var (caseId, participantId, _) = await CaseAbout(caseworker, Person.Unique());
        var admin = caseworker.WithRoles(Roles.Admin);
        var first = (await admin.Post($"/api/cases/{caseId}/participants/{participantId}/erase", new { })).ShouldBe(200).Version;

        Assert.Equal(first, (await admin.Post($"/api/cases/{caseId}/participants/{participantId}/erase", new { })).ShouldBe(200).Version);
        (await caseworker.Post($"/api/cases/{caseId}/contacts", new { occurredAt = DateTimeOffset.UtcNow, kind = "phone", participantIds = new[] { participantId }, summary = "Gebeld" }))
            .ShouldBeProblem(409, "participant-inactive");
    }

    [Fact]
    public async Task Only_admins_erase_and_other_tenants_find_nothing_to_erase()
    {
        var caseworker = api.NewTenant(Roles.Caseworker);
        var (caseId, participantId, _) = await CaseAbout(caseworker, Person.Unique());
        var route = $"/api/cases/{caseId}/participants/{participantId}/erase";

        foreach (var role in new[] { Roles.Caseworker, Roles.Manager, Roles.Auditor })
            (await caseworker.WithRoles(role).Post(route, new { })).ShouldBeProblem(403);
        (await api.NewTenant(Roles.Admin).Post(route, new { })).ShouldBeProblem(404);
        (await caseworker.WithRoles(Roles.Admin).Post($"/api/cases/{caseId}/participants/{Guid.NewGuid()}/erase", new { })).ShouldBeProblem(404);
        Assert.NotEqual(Erased, (string?)Participant((await caseworker.Get($"/api/cases/{caseId}")).Json, participantId)["displayName"]);
    }

    [Fact]
    public async Task Rejected_input_never_echoes_personal_data()
    {
        var person = Person.Unique();
        var caseworker = api.NewTenant(Roles.Caseworker);
        var caseId = await caseworker.OpenCase();

        var problem = await caseworker.Post($"/api/cases/{caseId}/participants",
            new { role = "parent", displayName = person.Name + new string('x', 300), contact = new { phone = person.Phone, email = person.Email } });

        problem.ShouldBeProblem(400);
        AssertNowhere(problem.Body, person, "the problem details");
        AssertNowhere(string.Join('\n', api.LogLines), person, "the logs");
    }

    /// <summary>A case in which the person appears everywhere personal data can be: name, contact, texts about them.</summary>
    private static async Task<(Guid CaseId, Guid ParticipantId, long Version)> CaseAbout(Caller caller, Person person)
    {
        var caseId = await caller.OpenCase();
        // With an Idempotency-Key, so the stored idempotent answer is part of what the dump scan covers.
        var participantId = (Guid)(await caller.Post($"/api/cases/{caseId}/participants",
            new { role = "parent", displayName = person.Name, contact = new { phone = person.Phone, email = person.Email } },
            ("Idempotency-Key", Guid.NewGuid().ToString()))).ShouldBe(200).Json["participantId"]!;
        var henk = await caller.AddParticipant(caseId, "volunteer", "Henk de Vries", new { phone = "0201234567" });
        (await caller.Post($"/api/cases/{caseId}/contacts", new
        {
            occurredAt = DateTimeOffset.UtcNow.AddHours(-3), kind = "home-visit", participantIds = new[] { participantId, henk },
            summary = $"Huisbezoek bij {person.Name} ({person.Phone}); Henk was erbij.",
        })).ShouldBe(200);
        (await caller.Post($"/api/cases/{caseId}/strengths", new { participantId, category = "skills", description = $"{person.Name} kookt voor de hele straat" })).ShouldBe(200);
        (await caller.Post($"/api/cases/{caseId}/connections", new
        {
            network = new { name = "Winkeliers Slotermeerlaan", kind = "business" }, participantIds = new[] { participantId }, purpose = $"Klusjes voor {person.Name}",
        })).ShouldBe(200);
        var agreement = (Guid)(await caller.Post($"/api/cases/{caseId}/agreements", new
        {
            parties = new[] { participantId, henk }, gives = $"{person.Name} doet klusjes", receives = $"Een fonds voor {person.Email}",
        })).ShouldBe(200).Json["agreementId"]!;
        var version = (await caller.Post($"/api/cases/{caseId}/agreements/{agreement}/fulfil", new { note = $"Afgerond met {person.Name}" })).ShouldBe(200).Version;
        return (caseId, participantId, version);
    }

    private static JsonNode Participant(JsonNode state, Guid participantId) =>
        state["participants"]!.AsArray().Single(p => (Guid)p!["participantId"]! == participantId)!;

    private static void AssertNowhere(string text, Person person, string where)
    {
        foreach (var trace in person.Traces)
            Assert.False(text.Contains(trace, StringComparison.OrdinalIgnoreCase), $"'{trace}' found in {where}");
    }
}
