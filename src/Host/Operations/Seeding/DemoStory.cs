namespace Participation.Host.Operations.Seeding;

/// <summary>One request of the story, at its moment; <see cref="Path"/> and <see cref="Body"/> may name what earlier steps created.</summary>
public sealed record StoryStep(DateTimeOffset At, int Case, string Path, Func<StoryIds, object> Body, string? Remember = null)
{
    /// <summary>POST for every command; the norms are PUT.</summary>
    public HttpMethod Method { get; init; } = HttpMethod.Post;
}

/// <summary>The ids the story's answers gave, by case number and name ("case", "agreement-0", …).</summary>
public sealed class StoryIds
{
    private readonly Dictionary<(int, string), Guid> _ids = [];

    public Guid this[int @case, string name] => _ids[(@case, name)];

    public void Remember(int @case, string name, Guid id) => _ids[(@case, name)] = id;
}

/// <summary>
/// Half a year of case work in Nieuw-West, told as the API's own commands in time order: the area's networks first, then
/// cases in the three programme areas across eight neighbourhoods (and two cases in a ninth, too few to publish its
/// figures), with participants, contact moments, strengths, connections to those networks by id, agreements, phases, the
/// main resident's measurements at intake and evaluation (<see cref="StoryMeasurements"/>), a few closed cases and a few
/// that went quiet. Deterministic: the same story every time.
/// </summary>
public static class DemoStory
{
    private static readonly (string Code, string Name)[] Neighbourhoods =
    [
        ("F75", "Geuzenveld"), ("F76", "Slotermeer-Noordoost"), ("F77", "Slotermeer-Zuidwest"), ("F81", "Osdorp-Oost"),
        ("F82", "Osdorp-Midden"), ("F83", "De Punt"), ("F85", "Overtoomse Veld"), ("F88", "Westindische Buurt"),
    ];

    /// <summary>A neighbourhood with only the cases below: fewer than any published figure may count, so its figures are suppressed.</summary>
    private static readonly (string Code, string Name) SmallNeighbourhood = ("F78", "Eendracht");
    private static readonly int[] CasesInSmallNeighbourhood = [13, 29];

    private static readonly Dictionary<string, string[]> Titles = new()
    {
        ["ouderparticipatie"] = ["Ouders organiseren een kookavond", "Moedergroep op de basisschool", "Vaders koken voor de klas", "Taalcafé voor ouders",
            "Ouders helpen bij het schoolplein", "Ouderkamer in de brede school"],
        ["jeugdzorg"] = ["Steun rond een gezin met drie kinderen", "Jongere zoekt een stageplek", "Mantelzorg voor een broertje",
            "Huiswerkhulp door buren", "Een netwerk rond een alleenstaande vader", "Weer naar school na verzuim"],
        ["sport"] = ["Voetbal op het plein", "Zwemmen voor moeders", "Buurtbootcamp in het park", "Meidenbasketbal", "Wandelgroep voor ouderen",
            "Kickboksen voor jongeren"],
    };

    private static readonly string[] Names =
    [
        "Fatima Yilmaz", "Mohamed El Amrani", "Sanne de Vries", "Ayşe Demir", "Kwame Mensah", "Nadia Bouzid", "Priya Ramdin", "Joost Bakker",
        "Samira Haddou", "Dewi Soekarno", "Youssef Tahiri", "Lotte Jansen", "Esra Kaya", "Rachid Ouali", "Merel Visser", "Chaima Idrissi",
    ];

    /// <summary>
    /// The area's networks, registered before the first case, each where it is active. Two caseworkers registered the mosque's
    /// women's group under different names: the near-duplicates a manager can merge on the map.
    /// </summary>
    private static readonly (string Name, string Kind, string Organisation, int[] ActiveIn)[] Networks =
    [
        ("Buurthuis De Honingraat", "organisation", "Stichting Welzijn Nieuw-West", [1, 2]), ("Sportclub Nieuw-West", "sports-club", "Sportclub Nieuw-West", [0, 1, 3]),
        ("Bibliotheek Osdorp", "organisation", "OBA", [3, 4]), ("Moskee Al Kabir", "faith", "Moskee Al Kabir", [1, 2]),
        ("Winkeliers Slotermeerlaan", "business", "Ondernemersvereniging Slotermeerlaan", [1]), ("Basisschool De Horizon", "school", "Basisschool De Horizon", [6]),
        ("Voedselbank Nieuw-West", "organisation", "Voedselbank Amsterdam", [0, 4, 5]), ("Buurtmoeders Geuzenveld", "informal", "", [0]),
        ("Vrouwengroep Moskee Al Kabir", "faith", "Moskee Al Kabir", [1]), ("Moskee Al Kabir vrouwengroep", "faith", "Moskee Al Kabir", [1, 2]),
    ];

    /// <summary>
    /// The programmes' follow-up norms, set by the admin before the first case: youth care keeps in close touch (working
    /// days), parent participation and sport at a calmer pace, and every resident is measured again after half a year.
    /// </summary>
    private static StoryStep Norms(DateTimeOffset at) => new(at, NormsSlot, "/api/norms", _ => new
    {
        norms = new object[]
        {
            new { domain = "*", phase = "*", maxDaysWithoutContact = 30, dayKind = "calendar" },
            new { domain = "jeugdzorg", phase = "*", maxDaysWithoutContact = 20, dayKind = "working" },
            new { domain = "jeugdzorg", phase = "engage", maxDaysInPhase = 30, dayKind = "working" },
            new { domain = "ouderparticipatie", phase = "engage", maxDaysInPhase = 45, dayKind = "calendar" },
            new { domain = "sport", phase = "connect", maxDaysInPhase = 120, dayKind = "calendar" },
        },
        remeasureAfterDays = 180,
    }) { Method = HttpMethod.Put };

    private const int NormsSlot = -1000;

    /// <summary>The story's slot for network <paramref name="index"/>: before the cases' slots, which count from 0.</summary>
    private static int NetworkSlot(int index) => -1 - index;

    private static readonly string[] ContactKinds = ["home-visit", "meeting", "phone", "activity"];
    private static readonly string[] StrengthCategories = ["skills", "time", "knowledge", "network", "resources"];

    public static IReadOnlyList<StoryStep> Tell(DateTimeOffset now, int cases = 48)
    {
        var random = new Random(2026);
        var start = now.AddDays(-180);
        var steps = Networks.Select((network, i) => new StoryStep(start.AddHours(-Networks.Length + i), NetworkSlot(i), "/api/networks", _ => new
        {
            name = network.Name, kind = network.Kind, organisation = network.Organisation.Length > 0 ? network.Organisation : null,
            activeIn = network.ActiveIn.Select(h => new { code = Neighbourhoods[h].Code, name = Neighbourhoods[h].Name, district = "Nieuw-West" }).ToArray(),
            description = "Komt wekelijks samen; staat open voor nieuwe mensen uit de buurt.",
        }, "network")).ToList();
        steps.Insert(0, Norms(start.AddHours(-Networks.Length - 1)));
        for (var n = 0; n < cases; n++)
        {
            var domain = Titles.Keys.ElementAt(n % 3);
            var (code, name) = Neighbourhoods[random.Next(Neighbourhoods.Length)];
            if (CasesInSmallNeighbourhood.Contains(n)) (code, name) = SmallNeighbourhood;
            var at = start.AddDays(n * 3.6 + random.NextDouble()).AddHours(9 + random.Next(8));
            var title = Titles[domain][random.Next(Titles[domain].Length)];
            var @case = n;
            steps.Add(new StoryStep(at, @case, "/api/cases", _ => new
            {
                domain, neighbourhood = new { code, name, district = "Nieuw-West" }, title,
                description = "Bewoners willen dit zelf oppakken; de professional sluit aan bij wat er al is.", goal = "Elkaar vaker zien en steunen",
            }, "case"));

            // Some cases go quiet after a first conversation: no contact moment for more than 30 days.
            var quiet = n % 7 == 3;
            var people = Enumerable.Range(0, 1 + random.Next(3)).Select(_ => (Id: Guid.CreateVersion7(), Name: Names[random.Next(Names.Length)])).ToList();
            var mainRole = domain == "jeugdzorg" ? "youth" : domain == "sport" ? "resident" : "parent";
            foreach (var (person, i) in people.Select((p, i) => (p, i)))
            {
                at = at.AddHours(2 + random.Next(48));
                var role = i == 0 ? mainRole : random.Next(2) == 0 ? "volunteer" : "professional";
                steps.Add(new StoryStep(at, @case, "participants", _ => new
                {
                    participantId = person.Id, role, displayName = person.Name,
                    contact = new { phone = $"06-{random.Next(10_000_000, 99_999_999)}", email = $"{person.Name.Split(' ')[0].ToLowerInvariant()}@example.nl" },
                }));
            }
            var resident = people[0].Id;
            // Some cases are still getting to know the people (engage); some are handed over or stopped.
            var staysInEngage = n % 8 == 5;
            var contacts = quiet ? 1 : 2 + random.Next(5);
            for (var c = 0; c < contacts; c++)
            {
                at = at.AddDays(2 + random.Next(10));
                steps.Add(Contact(at, @case, resident, random));
                if (c == 0) steps.Add(StoryMeasurements.Intake(at.AddMinutes(15), @case, resident));
                if (c == 0 && !staysInEngage) steps.Add(new StoryStep(at.AddMinutes(30), @case, "phase", _ => new { to = "strengthen" }));
            }
            if (quiet) continue;
            if (n % 11 == 7)
            {
                var outcome = n % 2 == 0 ? "handed-over" : "stopped";
                steps.Add(StoryMeasurements.Evaluation(at.AddDays(4), @case, resident));
                steps.Add(new StoryStep(at.AddDays(5), @case, "close", _ => new { outcome, summary = "Overgedragen aan het buurtteam." }));
                continue;
            }
            if (staysInEngage)
            {
                steps.Add(StoryMeasurements.Evaluation(at.AddDays(1), @case, resident));
                // One family is abroad for a while: the case waits, its deadlines stand still.
                if (n % 16 == 13) steps.Add(new StoryStep(at.AddDays(3), @case, "suspend", _ => new { reason = "Het gezin is een paar maanden bij familie in het buitenland." }));
                else steps.AddRange(FollowUps(at, now, @case, resident, random));
                continue;
            }

            at = at.AddDays(1 + random.Next(7));
            var category = StrengthCategories[random.Next(StrengthCategories.Length)];
            steps.Add(new StoryStep(at, @case, "strengths", _ => new { participantId = resident, category, description = "Weet veel mensen in de buurt te bereiken." }));
            if (n % 4 == 1)
            {
                steps.Add(StoryMeasurements.Evaluation(at.AddHours(2), @case, resident));
                steps.AddRange(FollowUps(at, now, @case, resident, random)); // stays in strengthen
                continue;
            }

            steps.Add(new StoryStep(at.AddHours(1), @case, "phase", _ => new { to = "connect" }));
            var network = NetworkSlot(random.Next(Networks.Length));
            at = at.AddDays(3 + random.Next(10));
            steps.Add(new StoryStep(at, @case, "connections", ids => new
            {
                networkId = ids[network, "network"], participantIds = people.Select(p => p.Id).ToArray(), purpose = "Een vaste plek en mensen die meedoen.",
            }));
            at = at.AddDays(2 + random.Next(10));
            // Agreements are due a few weeks after they are made; those nobody settled by then are on the worklist.
            var dueOn = DateOnly.FromDateTime(at.AddDays(21 + random.Next(21)).UtcDateTime);
            steps.Add(new StoryStep(at, @case, "agreements", _ => new
            {
                parties = people.Select(p => p.Id).Take(2).ToArray(), gives = "Organiseert elke maand een bijeenkomst", receives = "Hulp bij de aanvraag van een klein fonds",
                dueOn,
            }, "agreement"));
            if (n % 3 == 0)
            {
                at = at.AddDays(10 + random.Next(20));
                var settle = n % 6 == 0 ? "fulfil" : "break";
                steps.Add(new StoryStep(at, @case, $"agreements/{{agreement}}/{settle}", _ => new { note = "Besproken in het buurtoverleg." }));
            }
            steps.Add(StoryMeasurements.Evaluation(at.AddDays(2), @case, resident));
            if (n % 5 == 2 && at < now.AddDays(-10))
            {
                at = at.AddDays(5 + random.Next(10));
                var outcome = random.Next(3) == 0 ? "partly-achieved" : "achieved";
                steps.Add(new StoryStep(at, @case, "close", _ => new { outcome, summary = "Het netwerk draagt het nu zelf." }));
                continue;
            }
            steps.AddRange(FollowUps(at, now, @case, resident, random));
        }
        return steps.Where(s => s.At < now).OrderBy(s => s.At).ToList();
    }

    private static StoryStep Contact(DateTimeOffset at, int @case, Guid resident, Random random)
    {
        var occurred = at.AddHours(-random.Next(1, 6));
        var kind = ContactKinds[random.Next(ContactKinds.Length)];
        return new StoryStep(at, @case, "contacts", _ => new
        {
            occurredAt = occurred, kind, participantIds = new[] { resident }, summary = "Gesprek over wat er al goed gaat en wie er kan helpen.",
        });
    }

    /// <summary>An open case's contact moments every two to four weeks until now, so it does not go quiet.</summary>
    private static IEnumerable<StoryStep> FollowUps(DateTimeOffset after, DateTimeOffset now, int @case, Guid resident, Random random)
    {
        for (var at = after.AddDays(14 + random.Next(14)); at < now; at = at.AddDays(14 + random.Next(14)))
            yield return Contact(at, @case, resident, random);
    }
}
