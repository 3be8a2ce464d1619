using Participation.Host.Security;
using Participation.Host.Tests.Support;

namespace Participation.Host.Tests.Cases;

/// <summary>
/// The current state is stored row by row (the case's head, one row per list entry) and read back in one batch
/// (ADR 18); time travel folds the events in memory. Both must tell the same case.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class StoredCaseDetailsTests(ApiFixture api)
{
    [Fact]
    public async Task The_stored_case_reads_as_its_replay_after_every_kind_of_command()
    {
        var caller = api.NewTenant(Roles.Caseworker, Roles.Auditor, Roles.Admin);
        var caseId = await caller.OpenCase();
        async Task SameAsReplay(Task<Response>? command = null)
        {
            if (command is not null) (await command).ShouldBe(200);
            var stored = (await caller.Get($"/api/cases/{caseId}")).ShouldBe(200);
            var replayed = (await caller.Get($"/api/cases/{caseId}/state")).ShouldBe(200);
            Assert.Equal(replayed.Body, stored.Body);
            Assert.Equal(replayed.ETag, stored.ETag);
        }
        Task<Response> Post(string path, object body) => caller.Post($"/api/cases/{caseId}/{path}", body);

        await SameAsReplay();
        var parent = await caller.AddParticipant(caseId);
        var neighbour = await caller.AddParticipant(caseId, role: "volunteer", displayName: "Kees de Vries");
        await SameAsReplay();
        await caller.RecordContact(caseId, parent, neighbour);
        await caller.RecordContact(caseId, parent);
        await SameAsReplay(Post("phase", new { to = "strengthen" }));
        await caller.RecordStrength(caseId, parent);
        await SameAsReplay(Post("phase", new { to = "connect" }));
        await caller.Connect(caseId, parent, neighbour);
        var kept = (Guid)(await Post("agreements", new { parties = new[] { parent, neighbour }, gives = "Oppassen", receives = "Boodschappen", dueOn = "2027-01-31" }))
            .ShouldBe(200).Json["agreementId"]!;
        var broken = (Guid)(await Post("agreements", new { parties = new[] { parent }, gives = "Koken" })).ShouldBe(200).Json["agreementId"]!;
        await SameAsReplay(Post($"agreements/{kept}/fulfil", new { note = "Gedaan" }));
        await SameAsReplay(Post($"agreements/{broken}/break", new { note = "Niet gedaan" }));
        await SameAsReplay(Post("assign", new { owner = "piet" }));
        await SameAsReplay(Post($"participants/{neighbour}/leave", new { reason = "Verhuisd" }));
        await SameAsReplay(Post($"participants/{parent}/erase", new { }));
        await SameAsReplay(Post("close", new { outcome = "achieved", summary = "Klaar" }));
        await SameAsReplay(Post("reopen", new { reason = "Nieuwe vraag" }));
    }
}
