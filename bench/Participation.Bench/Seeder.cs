using Marten;
using Participation.Domain.Cases;
using Participation.Host.Privacy;

namespace Participation.Bench;

/// <summary>Writes realistic case streams straight through Marten (personal data sealed, inline projections and seals included).</summary>
public static class Seeder
{
    private static readonly Neighbourhood Slotermeer = new("E38", "Slotermeer-Noordoost", "Nieuw-West");

    public static async Task<Guid> OneLongStream(IDocumentStore store, string tenant, int events)
    {
        var caseId = Guid.CreateVersion7();
        var stream = Stream(caseId, events);
        const int batch = 2000;
        for (var offset = 0; offset < stream.Count; offset += batch)
        {
            await using var session = store.LightweightSession(tenant);
            session.LastModifiedBy = "seed";
            var slice = (await session.SealAsync(stream.Skip(offset).Take(batch).ToList())).ToArray();
            if (offset == 0) session.Events.StartStream<Case>(caseId, slice);
            else session.Events.Append(caseId, slice);
            await session.SaveChangesAsync();
        }
        return caseId;
    }

    public static async Task ManyStreams(IDocumentStore store, string tenant, int streams, int eventsPerStream)
    {
        const int streamsPerBatch = 50;
        for (var done = 0; done < streams; done += streamsPerBatch)
        {
            await using var session = store.LightweightSession(tenant);
            session.LastModifiedBy = "seed";
            for (var i = 0; i < Math.Min(streamsPerBatch, streams - done); i++)
            {
                var caseId = Guid.CreateVersion7();
                session.Events.StartStream<Case>(caseId, (await session.SealAsync(Stream(caseId, eventsPerStream))).ToArray());
            }
            await session.SaveChangesAsync();
        }
    }

    /// <summary>
    /// Case streams with the progress projections' whole diet: participants, contact moments, strengths,
    /// connections to one of 25 networks, agreements, phase changes, closing and reopening, spread over
    /// four neighbourhoods and the three domains.
    /// </summary>
    public static async Task ProgressStreams(IDocumentStore store, string tenant, int streams, int eventsPerStream)
    {
        const int streamsPerBatch = 50;
        for (var done = 0; done < streams; done += streamsPerBatch)
        {
            await using var session = store.LightweightSession(tenant);
            session.LastModifiedBy = "seed";
            for (var i = done; i < Math.Min(done + streamsPerBatch, streams); i++)
            {
                var caseId = Guid.CreateVersion7();
                session.Events.StartStream<Case>(caseId, (await session.SealAsync(ProgressStream(caseId, i, eventsPerStream))).ToArray());
            }
            await session.SaveChangesAsync();
        }
    }

    private static readonly Neighbourhood[] Neighbourhoods =
    [
        Slotermeer, new("E39", "Slotermeer-Zuidwest", "Nieuw-West"), new("K24", "Bijlmer-Centrum", "Zuidoost"), new("A01", "Burgwallen-Oude Zijde", "Centrum"),
    ];

    private static List<object> ProgressStream(Guid caseId, int n, int events)
    {
        var at = DateTimeOffset.UtcNow.AddDays(-200 + n % 100);
        DateTimeOffset Next() => at = at.AddHours(7);
        var parent = Guid.CreateVersion7();
        var agreement = Guid.CreateVersion7();
        var stream = new List<object>
        {
            new CaseOpened(caseId, (CaseDomain)(n % 3), Neighbourhoods[n % Neighbourhoods.Length], $"Casus {n}", "Bewoners willen samen iets opzetten",
                "Buurtbewoners verbinden", "seed", at),
            new ParticipantJoined(parent, ParticipantRole.Parent, "Fatima Yilmaz", null, "seed", Next()),
            new ContactMomentRecorded(Guid.CreateVersion7(), at, ContactKind.HomeVisit, [parent], "Kennismaking", "seed", Next()),
            new StrengthRecorded(Guid.CreateVersion7(), parent, StrengthCategory.Skills, "Kan goed organiseren", "seed", Next()),
            new PhaseChanged(CasePhase.Engage, CasePhase.Strengthen, null, "seed", Next()),
            new NetworkConnected(Guid.CreateVersion7(), new Network($"Netwerk {n % 25}", NetworkKind.Informal), [parent], "Samen verder", "seed", Next()),
            new AgreementMade(agreement, [parent], "Klusjes", "Een klein fonds", null, "seed", Next()),
            new PhaseChanged(CasePhase.Strengthen, CasePhase.Connect, null, "seed", Next()),
        };
        var tail = new object[]
        {
            new AgreementFulfilled(agreement, [parent], "Gelukt", "seed", Next()),
            new CaseClosed(CaseOutcome.Achieved, "Afgerond", CasePhase.Connect, "seed", Next()),
            new CaseReopened("Nieuwe vraag", "seed", Next()),
        };
        while (stream.Count < events - tail.Length)
            stream.Add(new ContactMomentRecorded(Guid.CreateVersion7(), Next(), ContactKind.Meeting, [parent], "Bijeenkomst", "seed", at));
        stream.AddRange(tail.Take(events - stream.Count));
        return stream;
    }

    private static List<object> Stream(Guid caseId, int events)
    {
        var at = DateTimeOffset.UtcNow.AddDays(-30);
        var parent = Guid.CreateVersion7();
        var stream = new List<object>
        {
            new CaseOpened(caseId, CaseDomain.Ouderparticipatie, Slotermeer, "Moeders organiseren een buurtontbijt",
                "Ouders van basisschool De Horizon willen elkaar vaker zien", "Ouders verbinden met de school", "seed", at),
            new ParticipantJoined(parent, ParticipantRole.Parent, "Fatima Yilmaz", new ContactDetails("06-12345678", "fatima@example.nl"), "seed", at),
        };
        for (var n = stream.Count; n < events; n++)
            stream.Add(new ContactMomentRecorded(Guid.CreateVersion7(), at.AddMinutes(n), ContactKind.HomeVisit, [parent],
                $"Huisbezoek {n}: gesproken over het ontbijt, wie wat meeneemt en hoe de school kan helpen.", "seed", at.AddMinutes(n)));
        return stream;
    }
}
