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
