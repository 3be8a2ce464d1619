namespace Participation.Host.Tests.Progress;

/// <summary>What the test expects of one case at day 120, worked out by hand from the story below.</summary>
public sealed record ExpectedCase(
    string Name, Guid Id, string Domain, Hood Hood, string Phase, string Status, string? Outcome,
    double? Engage, double? Strengthen, double? Connect, double QuietSinceDay);

/// <summary>
/// Eleven cases of one tenant over 120 days, across the three domains, four neighbourhoods in three
/// districts and every phase, including a reopened case, one reopened and stopped, a case moved back
/// a phase, and four networks (one spelt two ways). Days in phase are per case, summed over its stays;
/// open cases' current stay runs to day 120.
/// </summary>
public sealed class ProgrammeSpread
{
    public const double Today = 120;

    public required IReadOnlyList<ExpectedCase> Cases { get; init; }
    public required Dictionary<string, Guid> Participants { get; init; }
    public required Dictionary<string, Guid> Agreements { get; init; }

    public ExpectedCase this[string name] => Cases.Single(c => c.Name == name);

    public static async Task<ProgrammeSpread> Tell(Story s)
    {
        var p = new Dictionary<string, Guid>();
        var agreements = new Dictionary<string, Guid>();
        // Day 0
        var a = await s.Open(0, "sport", Hood.SlotermeerNoordoost, "A voetbal op het plein");
        var c = await s.Open(0, "jeugdzorg", Hood.BijlmerCentrum, "C huiswerkklas");
        var j = await s.Open(0, "ouderparticipatie", Hood.SlotermeerNoordoost, "J ouderkamer");
        p["a-parent"] = await s.Join(1, a);
        await s.Contact(1, a, p["a-parent"]);
        await s.Strength(1, a, p["a-parent"]);
        p["j-parent"] = await s.Join(1, j);
        await s.Contact(1, j, p["j-parent"]);
        await s.Strength(1, j);
        await s.Connect(1, j, "Ouderraad De Horizon", "school", p["j-parent"]);
        p["c-youth"] = await s.Join(2, c, "youth", "Yusuf");
        await s.Contact(2, c, p["c-youth"]);
        await s.Strength(3, c, p["c-youth"]);
        await s.Connect(4, c, "Moskee Vrouwengroep", "faith", p["c-youth"]);
        var b = await s.Open(5, "sport", Hood.SlotermeerNoordoost, "B hardloopgroep");
        await s.Phase(5, j, "strengthen");
        p["b-parent"] = await s.Join(6, b);
        await s.Contact(6, b, p["b-parent"]);
        await s.Phase(6, j, "connect");
        await s.Phase(8, c, "strengthen");
        await s.Phase(9, c, "connect");
        await s.Phase(10, a, "strengthen");
        var d = await s.Open(10, "jeugdzorg", Hood.BijlmerCentrum, "D gezinscoach");
        var l = await s.Open(10, "sport", Hood.SlotermeerZuidwest, "L zwemles");
        p["l-parent"] = await s.Join(11, l);
        await s.Contact(11, l, p["l-parent"]);
        await s.Strength(11, l);
        await s.Connect(11, l, "Sportclub Slotermeer", "sports-club");
        await s.Phase(12, l, "strengthen");
        await s.Phase(13, l, "connect");
        await s.Phase(20, b, "strengthen");
        await s.Close(20, j, "not-achieved");
        var e = await s.Open(20, "ouderparticipatie", Hood.BurgwallenOudeZijde, "E buurtontbijt");
        p["e-parent"] = await s.Join(21, e);
        await s.Contact(21, e, p["e-parent"]);
        await s.Strength(22, e);
        await s.Connect(22, e, "Ouderraad De Horizon", "school", p["e-parent"]);
        agreements["e-fund"] = await s.Agree(23, e, p["e-parent"]);
        await s.Phase(25, e, "strengthen");
        await s.Connect(30, a, "Winkeliers Slotermeerlaan", "business", p["a-parent"]);
        await s.Close(30, l, "achieved");
        var g = await s.Open(30, "sport", Hood.BurgwallenOudeZijde, "G buurtsport");
        p["g-volunteer"] = await s.Join(31, g, "volunteer", "Henk");
        await s.Contact(31, g, p["g-volunteer"]);
        await s.Strength(32, g);
        await s.Connect(32, g, "  winkeliers  SLOTERMEERLAAN ", "business", p["g-volunteer"]);
        agreements["g-jobs"] = await s.Agree(33, g, p["g-volunteer"]);
        agreements["g-fund"] = await s.Agree(34, g, p["g-volunteer"]);
        p["a-resident"] = await s.Join(35, a, "resident", "Mevrouw Jansen");
        await s.Connect(35, a, "Winkeliers Slotermeerlaan", "business", p["a-parent"], p["a-resident"]);
        await s.Phase(35, g, "strengthen");
        await s.Phase(36, g, "connect");
        await s.Phase(40, a, "connect");
        await s.Fulfil(40, g, agreements["g-jobs"]);
        await s.Reopen(40, l);
        var h = await s.Open(40, "jeugdzorg", Hood.SlotermeerNoordoost, "H opvoedsteun");
        p["h-parent"] = await s.Join(41, h);
        await s.Contact(41, h, p["h-parent"]);
        await s.Close(45, l, "stopped");
        await s.Close(50, c, "partly-achieved");
        await s.Phase(50, g, "engage", "Opnieuw kennismaken");
        await s.Phase(55, g, "strengthen");
        await s.Reopen(60, c);
        await s.Close(60, h, "handed-over");
        await s.Close(70, a, "achieved");
        await s.Contact(89, e, p["e-parent"]);
        var f = await s.Open(90, "ouderparticipatie", Hood.SlotermeerZuidwest, "F taalcafé");
        await s.Contact(100, c, p["c-youth"]);
        await s.Close(100, d, "stopped");
        var i = await s.Open(100, "sport", Hood.BijlmerCentrum, "I fitness in het park");
        p["i-resident"] = await s.Join(101, i, "resident", "Kofi");
        await s.Contact(101, i, p["i-resident"], occurredOn: 99);
        s.At(Today);

        return new ProgrammeSpread
        {
            Participants = p,
            Agreements = agreements,
            Cases =
            [
                new("A", a, "sport", Hood.SlotermeerNoordoost, "connect", "closed", "achieved", 10, 30, 30, 1),
                new("B", b, "sport", Hood.SlotermeerNoordoost, "strengthen", "open", null, 15, 100, null, 6),
                new("C", c, "jeugdzorg", Hood.BijlmerCentrum, "connect", "open", null, 8, 1, 41 + 60, 100),
                new("D", d, "jeugdzorg", Hood.BijlmerCentrum, "engage", "closed", "stopped", 90, null, null, 10),
                new("E", e, "ouderparticipatie", Hood.BurgwallenOudeZijde, "strengthen", "open", null, 5, 95, null, 89),
                new("F", f, "ouderparticipatie", Hood.SlotermeerZuidwest, "engage", "open", null, 30, null, null, 90),
                new("G", g, "sport", Hood.BurgwallenOudeZijde, "strengthen", "open", null, 5 + 5, 1 + 65, 14, 31),
                new("H", h, "jeugdzorg", Hood.SlotermeerNoordoost, "engage", "closed", "handed-over", 20, null, null, 41),
                new("I", i, "sport", Hood.BijlmerCentrum, "engage", "open", null, 20, null, null, 100),
                new("J", j, "ouderparticipatie", Hood.SlotermeerNoordoost, "connect", "closed", "not-achieved", 5, 1, 14, 1),
                new("L", l, "sport", Hood.SlotermeerZuidwest, "connect", "closed", "stopped", 2, 1, 17 + 5, 40),
            ],
        };
    }
}
