namespace Participation.Host.Tests.Support;

/// <summary>Starting states built through the real API.</summary>
public static class Scenarios
{
    public static object NewCase(string domain = "sport", string title = "Voetbal op het plein", string code = "E38",
        string name = "Slotermeer-Noordoost", string district = "Nieuw-West", string? description = "Moeders organiseren een toernooi") =>
        new { domain, neighbourhood = new { code, name, district }, title, description, goal = "Buurtbewoners verbinden" };

    public static async Task<Guid> OpenCase(this Caller caller, object? body = null)
    {
        var response = (await caller.Post("/api/cases", body ?? NewCase())).ShouldBe(201);
        return (Guid)response.Json["id"]!;
    }

    public static async Task<Guid> AddParticipant(this Caller caller, Guid caseId, string role = "parent", string displayName = "Fatima Yilmaz",
        object? contact = null)
    {
        var response = (await caller.Post($"/api/cases/{caseId}/participants",
            new { role, displayName, contact = contact ?? new { phone = "06-12345678", email = "fatima@example.nl" } })).ShouldBe(200);
        return (Guid)response.Json["participantId"]!;
    }

    public static async Task<Guid> RecordContact(this Caller caller, Guid caseId, params Guid[] participantIds)
    {
        var response = (await caller.Post($"/api/cases/{caseId}/contacts",
            new { occurredAt = DateTimeOffset.UtcNow.AddHours(-2), kind = "home-visit", participantIds, summary = "Kennismaking aan de keukentafel" })).ShouldBe(200);
        return (Guid)response.Json["contactId"]!;
    }

    public static async Task<Guid> RecordStrength(this Caller caller, Guid caseId, Guid? participantId = null)
    {
        var response = (await caller.Post($"/api/cases/{caseId}/strengths",
            new { participantId, category = "skills", description = "Kan goed organiseren" })).ShouldBe(200);
        return (Guid)response.Json["strengthId"]!;
    }

    public static async Task<Guid> Connect(this Caller caller, Guid caseId, params Guid[] participantIds)
    {
        var response = (await caller.Post($"/api/cases/{caseId}/connections",
            new { network = new { name = "Winkeliers Slotermeerlaan", kind = "business" }, participantIds, purpose = "Klusjes en een klein fonds" })).ShouldBe(200);
        return (Guid)response.Json["connectionId"]!;
    }

    public static async Task<long> ChangePhase(this Caller caller, Guid caseId, string to, string? reason = null) =>
        (await caller.Post($"/api/cases/{caseId}/phase", new { to, reason })).ShouldBe(200).Version;

    /// <summary>A case with one parent, a contact moment, a strength and a connection, moved to <paramref name="phase"/>.</summary>
    public static async Task<(Guid CaseId, Guid ParticipantId)> CaseInPhase(this Caller caller, string phase)
    {
        var caseId = await caller.OpenCase();
        var parent = await caller.AddParticipant(caseId);
        await caller.RecordContact(caseId, parent);
        await caller.RecordStrength(caseId, parent);
        await caller.Connect(caseId, parent);
        if (phase is "strengthen" or "connect") await caller.ChangePhase(caseId, "strengthen");
        if (phase is "connect") await caller.ChangePhase(caseId, "connect");
        return (caseId, parent);
    }

    public static async Task<long> CurrentVersion(this Caller caller, Guid caseId) =>
        (await caller.Get($"/api/cases/{caseId}")).ShouldBe(200).Version;
}
