using JasperFx.Events;
using Marten;
using Participation.Domain.Cases;
using Participation.Host.Privacy;

namespace Participation.Bench;

/// <summary>Writes realistic case streams straight through Marten (inline projections, seals and encrypted personal data included).</summary>
public static class Seeder
{
    private static readonly Neighbourhood Slotermeer = new("E38", "Slotermeer-Noordoost", "Nieuw-West");

    // Wrapped under the master key the benchmark's hosts are given.
    private static readonly PersonalDataKeys Keys =
        new(new MasterKeyRing(Microsoft.Extensions.Options.Options.Create(new MasterKeyOptions { MasterKey = Tools.MasterKey })));

    public static async Task<Guid> OneLongStream(IDocumentStore store, string tenant, int events)
    {
        var caseId = Guid.CreateVersion7();
        var stream = Stream(caseId, events);
        const int batch = 2000;
        for (var offset = 0; offset < stream.Count; offset += batch)
        {
            await using var session = store.LightweightSession(tenant);
            session.LastModifiedBy = "seed";
            var slice = (await session.ProtectPersonalDataAsync(stream.Skip(offset).Take(batch).ToList(), Keys)).ToArray();
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
                session.Events.StartStream<Case>(caseId, (await session.ProtectPersonalDataAsync(Stream(caseId, eventsPerStream), Keys)).ToArray());
            }
            await session.SaveChangesAsync();
        }
    }

    /// <summary>
    /// Many streams written straight into Marten's tables with binary COPY (Marten's own JSON serializer, stored event
    /// names and .NET type names; no seals, no projected documents, personal data not encrypted either: synthetic data,
    /// written this way only to be fast enough to seed a million events for a rebuild.
    /// </summary>
    public static async Task CopyStreams(IDocumentStore store, string connectionString, string schema, string tenant, int streams, int eventsPerStream)
    {
        var serializer = store.Options.Serializer();
        await using var connection = new Npgsql.NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var ids = Enumerable.Range(0, streams).Select(_ => Guid.CreateVersion7()).ToList();
        await using (var importer = await connection.BeginBinaryImportAsync(
                         $"copy {schema}.mt_streams (tenant_id, id, type, version, timestamp, created, is_archived) from stdin (format binary)"))
        {
            var now = DateTimeOffset.UtcNow;
            foreach (var id in ids)
            {
                await importer.StartRowAsync();
                await importer.WriteAsync(tenant, NpgsqlTypes.NpgsqlDbType.Varchar);
                await importer.WriteAsync(id, NpgsqlTypes.NpgsqlDbType.Uuid);
                await importer.WriteAsync("case", NpgsqlTypes.NpgsqlDbType.Varchar);
                await importer.WriteAsync((long)eventsPerStream, NpgsqlTypes.NpgsqlDbType.Bigint);
                await importer.WriteAsync(now, NpgsqlTypes.NpgsqlDbType.TimestampTz);
                await importer.WriteAsync(now, NpgsqlTypes.NpgsqlDbType.TimestampTz);
                await importer.WriteAsync(false, NpgsqlTypes.NpgsqlDbType.Boolean);
            }
            await importer.CompleteAsync();
        }

        long seq = 0;
        await using (var importer = await connection.BeginBinaryImportAsync(
                         $"copy {schema}.mt_events (seq_id, id, stream_id, version, data, type, timestamp, tenant_id, mt_dotnet_type, user_name, is_archived) from stdin (format binary)"))
        {
            foreach (var id in ids)
            {
                var version = 0L;
                foreach (var e in Stream(id, eventsPerStream))
                {
                    var type = e.GetType();
                    await importer.StartRowAsync();
                    await importer.WriteAsync(++seq, NpgsqlTypes.NpgsqlDbType.Bigint);
                    await importer.WriteAsync(Guid.CreateVersion7(), NpgsqlTypes.NpgsqlDbType.Uuid);
                    await importer.WriteAsync(id, NpgsqlTypes.NpgsqlDbType.Uuid);
                    await importer.WriteAsync(++version, NpgsqlTypes.NpgsqlDbType.Bigint);
                    await importer.WriteAsync(serializer.ToJson(e), NpgsqlTypes.NpgsqlDbType.Jsonb);
                    await importer.WriteAsync(CaseEventTypes.Of(type).Name, NpgsqlTypes.NpgsqlDbType.Varchar);
                    await importer.WriteAsync(e.Stamp.At, NpgsqlTypes.NpgsqlDbType.TimestampTz);
                    await importer.WriteAsync(tenant, NpgsqlTypes.NpgsqlDbType.Varchar);
                    await importer.WriteAsync($"{type.FullName}, {type.Assembly.GetName().Name}", NpgsqlTypes.NpgsqlDbType.Varchar);
                    await importer.WriteAsync("seed", NpgsqlTypes.NpgsqlDbType.Varchar);
                    await importer.WriteAsync(false, NpgsqlTypes.NpgsqlDbType.Boolean);
                }
            }
            await importer.CompleteAsync();
        }
        await using var setval = new Npgsql.NpgsqlCommand($"select setval('{schema}.mt_events_sequence', {seq})", connection);
        await setval.ExecuteScalarAsync();
    }

    /// <summary>Neighbourhood <paramref name="index"/> (0–59) of a city-scale tenant: ten in each of six districts.</summary>
    public static Neighbourhood CityNeighbourhood(int index) => new($"E{index:00}", $"Buurt E{index:00}", $"Stadsdeel {index / 10}");

    public const int CityNeighbourhoods = 60;

    private static readonly string[] Words = ["zwemmen", "voetbal", "huiswerk", "koken", "buurtontbijt", "moestuin", "taalcafé", "fietsles", "dansen", "klussen"];

    /// <summary>
    /// Cases of one tenant at city scale, written with Marten's bulk event insert (binary COPY, 5,000 cases a call; no
    /// inline projections, no seals): opened in the two years up to seven months ago (so that no event lies in the future:
    /// a case's later events follow within 205 days) in one of the <see cref="CityNeighbourhood"/>s and three domains, a
    /// title from ten words, some contact moments, a third moved on a phase, one in eight closed. About four events a case.
    /// <paramref name="work"/> may add events to case n, given its stream so far; they join it in the order of their stamps,
    /// and their personal data is encrypted as the Host encrypts it (each new participant's key stored before the events).
    /// Returns the number of events written.
    /// </summary>
    public static async Task<long> CityCases(IDocumentStore store, string tenant, int cases, Func<int, IReadOnlyList<ICaseEvent>, IEnumerable<ICaseEvent>>? work = null)
    {
        var random = new Random(tenant.GetHashCode(StringComparison.Ordinal) & 0x7fffffff);
        var origin = DateTimeOffset.UtcNow.AddDays(-730);
        long events = 0;
        const int batch = 5000;
        for (var done = 0; done < cases; done += batch)
        {
            var streams = new List<StreamAction>();
            await using var session = store.LightweightSession(tenant);
            for (var n = done; n < Math.Min(done + batch, cases); n++)
            {
                var id = Guid.CreateVersion7();
                var at = origin.AddMinutes(random.Next(0, (730 - 210) * 24 * 60));
                var neighbourhood = CityNeighbourhood(random.Next(CityNeighbourhoods));
                var stream = new List<ICaseEvent>
                {
                    new CaseOpened(id, (CaseDomain)random.Next(3), neighbourhood,
                        $"{Words[random.Next(Words.Length)]} in de buurt {n}", $"Bewoners willen samen {Words[random.Next(Words.Length)]}", "Verbinden", "seed", at),
                };
                for (var c = random.Next(4); c > 0; c--)
                {
                    at = at.AddDays(random.Next(1, 40));
                    stream.Add(new ContactMomentRecorded(Guid.CreateVersion7(), at, ContactKind.Meeting, [], "Gesprek", "seed", at));
                }
                if (random.Next(3) == 0) stream.Add(new PhaseChanged(CasePhase.Engage, CasePhase.Strengthen, null, "seed", at = at.AddDays(random.Next(1, 60))));
                if (random.Next(8) == 0) stream.Add(new CaseClosed(CaseOutcome.Stopped, "Gestopt", CasePhase.Engage, "seed", at.AddDays(random.Next(1, 30))));
                if (work is not null) stream = stream.Concat(work(n, stream)).OrderBy(e => e.Stamp.At).ToList();
                var written = await session.ProtectPersonalDataAsync(stream, Keys);
                streams.Add(StreamAction.Start((IEventRegistry)store.Options.Events, id, written.Cast<object>().ToArray()));
                events += written.Count;
            }
            await session.SaveChangesAsync();
            await store.BulkInsertEventsAsync(tenant, streams, batchSize: 10_000);
        }
        return events;
    }

    public static readonly Neighbourhood[] Neighbourhoods =
    [
        new("E38", "Slotermeer-Noordoost", "Nieuw-West"), new("E39", "Slotermeer-Zuidwest", "Nieuw-West"),
        new("K44", "Oostelijk Havengebied", "Oost"), new("M57", "Indische Buurt West", "Oost"),
        new("T93", "Holendrecht/Reigersbos", "Zuidoost"), new("N69", "Tuindorp Oostzaan", "Noord"),
    ];

    /// <summary>Case n of the command and read benchmarks; the load scripts compute the same ids (bench/load/*.lua).</summary>
    public static Guid CaseId(int n) => Guid.Parse($"00000000-0000-7000-8000-{n:x12}");

    /// <summary>The participant every seeded case n starts with (contact moments name it).</summary>
    public static Guid ParticipantId(int n) => Guid.Parse($"00000000-0000-7000-9000-{n:x12}");

    /// <summary>
    /// Cases first..first+count-1: opened (domain n mod 3, neighbourhood (n/3) mod 6), one parent, <paramref name="contacts"/>
    /// contact moments; every fourth case moved on to the strengthen phase. All stay open. Case n opens 60 days ago plus n times
    /// <paramref name="openedEvery"/> (a minute unless set).
    /// </summary>
    public static async Task Cases(IDocumentStore store, string tenant, int first, int count, int contacts, TimeSpan? openedEvery = null)
    {
        const int casesPerBatch = 100;
        for (var done = 0; done < count; done += casesPerBatch)
        {
            await using var session = store.LightweightSession(tenant);
            session.LastModifiedBy = "seed";
            for (var n = first + done; n < first + Math.Min(done + casesPerBatch, count); n++)
            {
                var at = DateTimeOffset.UtcNow.AddDays(-60) + n * (openedEvery ?? TimeSpan.FromMinutes(1));
                var caseId = CaseId(n);
                var parent = ParticipantId(n);
                var events = new List<ICaseEvent>
                {
                    new CaseOpened(caseId, (CaseDomain)(n % 3), Neighbourhoods[n / 3 % Neighbourhoods.Length], $"Buurtinitiatief {n}",
                        "Ouders en buren willen samen iets organiseren", "Elkaar vaker zien", "seed", at),
                    new ParticipantJoined(parent, ParticipantRole.Parent, $"Ouder {n}", new ContactDetails("06-12345678", $"ouder{n}@example.nl"), "seed", at),
                };
                for (var c = 0; c < contacts; c++)
                    events.Add(new ContactMomentRecorded(Guid.CreateVersion7(), at.AddHours(c), ContactKind.HomeVisit, [parent],
                        $"Huisbezoek {c}: gesproken over het buurtontbijt, wie wat meeneemt en hoe de school kan helpen.", "seed", at.AddHours(c)));
                if (n % 4 == 0) events.Add(new PhaseChanged(CasePhase.Engage, CasePhase.Strengthen, null, "seed", at.AddDays(1)));
                session.Events.StartStream<Case>(caseId, (await session.ProtectPersonalDataAsync(events, Keys)).ToArray());
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
                session.Events.StartStream<Case>(caseId, (await session.ProtectPersonalDataAsync(ProgressStream(caseId, i, eventsPerStream), Keys)).ToArray());
            }
            await session.SaveChangesAsync();
        }
    }

    private static List<ICaseEvent> ProgressStream(Guid caseId, int n, int events)
    {
        var at = DateTimeOffset.UtcNow.AddDays(-200 + n % 100);
        DateTimeOffset Next() => at = at.AddHours(7);
        var parent = Guid.CreateVersion7();
        var agreement = Guid.CreateVersion7();
        var stream = new List<ICaseEvent>
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
        var tail = new ICaseEvent[]
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

    private static List<ICaseEvent> Stream(Guid caseId, int events)
    {
        var at = DateTimeOffset.UtcNow.AddDays(-30);
        var parent = Guid.CreateVersion7();
        var stream = new List<ICaseEvent>
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
