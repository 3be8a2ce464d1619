using Participation.Host.Tests.Support;

namespace Participation.Host.Tests.Progress;

public sealed record Hood(string Code, string Name, string District)
{
    public static readonly Hood SlotermeerNoordoost = new("E38", "Slotermeer-Noordoost", "Nieuw-West");
    public static readonly Hood SlotermeerZuidwest = new("E39", "Slotermeer-Zuidwest", "Nieuw-West");
    public static readonly Hood BijlmerCentrum = new("K24", "Bijlmer-Centrum", "Zuidoost");
    public static readonly Hood BurgwallenOudeZijde = new("A01", "Burgwallen-Oude Zijde", "Centrum");
}

/// <summary>
/// Case work told day by day: each step sets the host's clock to its day (counted from the
/// fixture's start) and runs one command through the API, so events carry the story's times.
/// </summary>
public sealed class Story(ProgressFixture progress, Caller caller, Caller manager)
{
    public Caller Caller => caller;

    /// <summary>A programme manager of the same tenant.</summary>
    public Caller Manager => manager;

    public DateTimeOffset Day(double day) => progress.Start.AddDays(day);

    public void At(double day) => progress.Clock.Set(Day(day));

    public async Task<Guid> Open(double day, string domain, Hood hood, string title)
    {
        At(day);
        return await caller.OpenCase(Scenarios.NewCase(domain, title, hood.Code, hood.Name, hood.District));
    }

    public async Task<Guid> Join(double day, Guid caseId, string role = "parent", string name = "Fatima Yilmaz")
    {
        At(day);
        return await caller.AddParticipant(caseId, role, name);
    }

    public async Task Contact(double day, Guid caseId, Guid participantId, double? occurredOn = null)
    {
        At(day);
        (await caller.Post($"/api/cases/{caseId}/contacts", new
        {
            occurredAt = Day(occurredOn ?? day), kind = "home-visit", participantIds = new[] { participantId }, summary = "Gesprek aan de keukentafel",
        })).ShouldBe(200);
    }

    public async Task Strength(double day, Guid caseId, Guid? participantId = null)
    {
        At(day);
        await caller.RecordStrength(caseId, participantId);
    }

    public async Task Connect(double day, Guid caseId, string network, string kind, params Guid[] participantIds)
    {
        At(day);
        (await caller.Post($"/api/cases/{caseId}/connections",
            new { network = new { name = network, kind }, participantIds, purpose = "Samen verder" })).ShouldBe(200);
    }

    public async Task Phase(double day, Guid caseId, string to, string? reason = null)
    {
        At(day);
        await caller.ChangePhase(caseId, to, reason);
    }

    public async Task Close(double day, Guid caseId, string outcome)
    {
        At(day);
        (await caller.Post($"/api/cases/{caseId}/close", new { outcome, summary = "Afgerond" })).ShouldBe(200);
    }

    public async Task Reopen(double day, Guid caseId)
    {
        At(day);
        (await caller.Post($"/api/cases/{caseId}/reopen", new { reason = "Nieuwe vraag" })).ShouldBe(200);
    }

    public async Task<Guid> Agree(double day, Guid caseId, params Guid[] parties)
    {
        At(day);
        var response = (await caller.Post($"/api/cases/{caseId}/agreements",
            new { parties, gives = "Klusjes in de winkels", receives = "Een klein fonds" })).ShouldBe(200);
        return (Guid)response.Json["agreementId"]!;
    }

    public async Task Fulfil(double day, Guid caseId, Guid agreementId)
    {
        At(day);
        (await caller.Post($"/api/cases/{caseId}/agreements/{agreementId}/fulfil", new { note = "Gelukt" })).ShouldBe(200);
    }

    /// <summary>A ZRM measurement of a resident, taken on <paramref name="measuredOn"/> (a day of the story) and recorded on <paramref name="day"/>.</summary>
    public async Task Measure(double day, Guid caseId, Guid participantId, double measuredOn, string moment, params Score[] scores)
    {
        At(day);
        (await caller.Post($"/api/cases/{caseId}/measurements", new
        {
            participantId, moment, measuredOn = DateOnly.FromDateTime(Day(measuredOn).UtcDateTime),
            domains = scores.Select(s => new { domain = s.Domain, level = s.Level, ownShare = s.Own, networkShare = s.Network, professionalShare = s.Professional }),
        })).ShouldBe(200);
    }
}

/// <summary>One life domain of a measurement.</summary>
public sealed record Score(string Domain, int Level, int Own, int Network, int Professional);
