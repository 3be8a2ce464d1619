using Participation.Domain.Cases;
using Participation.Domain.Cases.Measuring;
using Participation.Domain.Insights;

namespace Participation.Projections.Insights;

/// <summary>
/// The cells one case adds to its neighbourhood's figures, from its <see cref="CaseInsights"/> alone. Every time comes from
/// the events' own stamps (and a measurement's date), so a rebuild gives the same cells.
/// </summary>
public static class CaseContribution
{
    public static List<InsightCell> Of(CaseInsights insights)
    {
        var cells = new List<InsightCell>();
        cells.AddRange(Presence.Cells(insights.Open, InsightFigure.CasesEntered, InsightFigure.CasesAtStart));
        foreach (var participant in insights.Participants.Where(p => p.Role.IsResidentSide()))
            cells.AddRange(Presence.Cells(Presence.Within(insights.Open, participant.JoinedAt, participant.LeftAt),
                InsightFigure.ParticipantsEntered, InsightFigure.ParticipantsAtStart));
        cells.AddRange(insights.Connections.Select(at => new InsightCell(Quarter.Of(at).Index, new FigureKey(InsightFigure.Connections), 1)));
        cells.AddRange(insights.Agreements.Select(a => new InsightCell(Quarter.Of(a.MadeAt).Index,
            new FigureKey(InsightFigure.Agreements, Part: FigureKeys.AgreementPart(a.ByResidents, a.Status)), 1)));
        foreach (var measurements in insights.Measurements.GroupBy(m => m.ParticipantId))
            cells.AddRange(Resident(measurements.OrderBy(m => m.MeasuredOn).ToList()));
        return InsightCell.Change([], cells);
    }

    /// <summary>
    /// One resident's measurements in date order (equal dates in the order recorded): measured once they have two, and per
    /// life domain rated at least twice their first and latest level, the change between them and the shares of support.
    /// </summary>
    private static IEnumerable<InsightCell> Resident(IReadOnlyList<InsightMeasurement> measurements)
    {
        if (measurements.Count >= 2)
            yield return new InsightCell(Quarter.Of(measurements[1].MeasuredOn).Index, new FigureKey(InsightFigure.Measured), 1);
        foreach (var domain in Enum.GetValues<LifeDomain>())
        {
            var ratings = measurements.SelectMany(m => m.Scores.Where(s => s.Domain == domain).Select(s => (m.MeasuredOn, Score: s))).ToList();
            IReadOnlyList<FigureKey> held = [];
            for (var i = 1; i < ratings.Count; i++)
            {
                if (i + 1 < ratings.Count && Quarter.Of(ratings[i + 1].MeasuredOn) == Quarter.Of(ratings[i].MeasuredOn)) continue;
                var quarter = Quarter.Of(ratings[i].MeasuredOn).Index;
                var now = State(domain, ratings[0].Score, ratings[i].Score);
                foreach (var key in held) yield return new InsightCell(quarter, key, -1);
                foreach (var key in now) yield return new InsightCell(quarter, key, 1);
                held = now;
            }
        }
    }

    private static IReadOnlyList<FigureKey> State(LifeDomain domain, DomainScore first, DomainScore latest)
    {
        var change = latest.Level > first.Level ? LevelChange.Improved : latest.Level == first.Level ? LevelChange.Same : LevelChange.Worse;
        return
        [
            FigureKeys.Of(InsightFigure.FirstLevel, domain, (short)first.Level),
            FigureKeys.Of(InsightFigure.LatestLevel, domain, (short)latest.Level),
            FigureKeys.Of(InsightFigure.Change, domain, (short)change),
            .. Shares(InsightFigure.FirstShare, domain, first),
            .. Shares(InsightFigure.LatestShare, domain, latest),
        ];
    }

    private static IEnumerable<FigureKey> Shares(InsightFigure figure, LifeDomain domain, DomainScore score) =>
    [
        FigureKeys.Of(figure, domain, FigureKeys.SharePart(SupportShare.Own, score.OwnShare)),
        FigureKeys.Of(figure, domain, FigureKeys.SharePart(SupportShare.Network, score.NetworkShare)),
        FigureKeys.Of(figure, domain, FigureKeys.SharePart(SupportShare.Professional, score.ProfessionalShare)),
    ];
}
