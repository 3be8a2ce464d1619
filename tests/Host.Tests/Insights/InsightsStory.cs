using Participation.Domain.Insights;
using Participation.Host.Security;
using Participation.Host.Tests.Networks;
using Participation.Host.Tests.Progress;
using Participation.Host.Tests.Support;

namespace Participation.Host.Tests.Insights;

/// <summary>
/// Case work across two quarters in one tenant (the threshold is <see cref="ProgressFixture.MinimumCount"/>): in
/// Slotermeer-Noordoost four families in youth care, each parent measured at intake and again next quarter (three of them
/// better in finances, one the same), agreements carried by residents and three networks; three sport cases in
/// Slotermeer-Zuidwest; one case in Bijlmer-Centrum, alone in its district.
/// </summary>
public sealed class InsightsStory
{
    public required Story Story { get; init; }
    public required Caller Admin { get; init; }
    public required Quarter First { get; init; }
    public required List<(Guid Case, Guid Parent)> Families { get; init; }
    public required List<Guid> Networks { get; init; }

    /// <summary>A day of the story in the quarter after the first (its second day).</summary>
    public required double NextQuarterDay { get; init; }

    public Quarter Second => First.Next;

    public static async Task<InsightsStory> Tell(ProgressFixture progress)
    {
        var story = progress.NewStory();
        var admin = progress.Caller(story.Caller.Tenant, Roles.Admin, Roles.Manager, Roles.Caseworker);
        var first = Quarter.Of(story.Day(0));
        var next = (first.Next.Start - story.Day(0)).TotalDays + 1;
        var activeIn = new { code = Hood.SlotermeerNoordoost.Code, name = Hood.SlotermeerNoordoost.Name, district = Hood.SlotermeerNoordoost.District };
        story.At(0);
        var networks = new List<Guid>();
        foreach (var name in new[] { "Vrouwengroep Moskee Slotermeer", "Buurtvaders Slotermeer", "Voedselbank Nieuw-West" })
            networks.Add(await admin.RegisterNetwork(name, "informal", activeIn));

        var families = new List<(Guid, Guid)>();
        for (var i = 0; i < 4; i++)
        {
            var caseId = await story.Open(0, "jeugdzorg", Hood.SlotermeerNoordoost, $"Gezin {i}");
            var parent = await story.Join(0, caseId);
            await admin.ConnectTo(caseId, networks[i % networks.Count], parent);
            if (i < 3)
            {
                var agreement = await story.Agree(0, caseId, parent);
                if (i == 0) await story.Fulfil(0, caseId, agreement);
            }
            await story.Measure(0, caseId, parent, 0, "intake", new Score("finances", i < 3 ? 2 : 3, 10, 20, 70));
            await story.Measure(next, caseId, parent, next, "evaluation", new Score("finances", i < 3 ? 4 : 3, 40, 40, 20));
            families.Add((caseId, parent));
        }
        for (var i = 0; i < 3; i++) await story.Open(0, "sport", Hood.SlotermeerZuidwest, $"Sportclub {i}");
        await story.Open(0, "jeugdzorg", Hood.BijlmerCentrum, "Alleen in Zuidoost");
        await progress.CatchUp();
        return new InsightsStory { Story = story, Admin = admin, First = first, Families = families, Networks = networks, NextQuarterDay = next };
    }
}
