using JasperFx.Events;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Marten.Events.Projections;
using Participation.Domain.Cases;
using Participation.Domain.Cases.Measuring;
using Participation.Domain.Retention;

namespace Participation.Projections.Insights;

/// <summary>
/// The figures of "Eigen Kracht in Beeld", kept by the async daemon a page at a time (ADR 31): each case's
/// <see cref="CaseInsights"/> is folded from its new events, its cells after less its cells before are summed per
/// neighbourhood, domain and quarter, and the figure rows they change are read once, changed in memory and written once.
/// The page's measurements are opened together with their participants' keys; an erased person's are gone, from the
/// figures too. Every time comes from the events, so a rebuild, replaying the same events, gives the same figures.
/// </summary>
public sealed class InsightsProjection : ProjectionBase, IProjection
{
    public const string ProjectionName = "CaseInsights";

    private static readonly CaseInsightsFold Fold = new();
    private readonly IPersonalTexts _texts;
    private readonly string _schema;

    public InsightsProjection(IPersonalTexts texts, string schema)
    {
        (_texts, _schema) = (texts, schema);
        Name = ProjectionName;
        foreach (var type in Fold.Handles) IncludeType(type);
        IncludeType<CaseDestroyed>();
        RegisterPublishedType(typeof(CaseInsights));
        Options.DeleteViewTypeOnTeardown(typeof(CaseInsights));
        Options.DeleteDataInTableOnTeardown($"{schema}.{InsightFigureTable.Name}");
        // A page's changes reach every later quarter's row of their neighbourhoods once: pages larger than Marten's 500
        // events write those rows fewer times in a rebuild or a catch-up, where a case's events span many quarters.
        Options.BatchSize = 20_000;
    }

    public async Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        foreach (var tenant in events.Where(e => e.Data is ICaseEvent or CaseDestroyed).GroupBy(e => e.TenantId))
            await ApplyAsync(operations.ForTenant(tenant.Key), tenant.Key, tenant.ToList(), cancellation);
    }

    private async Task ApplyAsync(IDocumentOperations tenant, string tenantId, IReadOnlyList<IEvent> page, CancellationToken cancellation)
    {
        var destroyed = page.Select(e => e.Data).OfType<CaseDestroyed>().ToList();
        var events = page.Where(e => e.Data is ICaseEvent).ToList();
        var ids = events.Select(e => e.StreamId).Concat(destroyed.Select(d => d.CaseId)).Distinct().ToArray();
        var cases = (await tenant.LoadManyAsync<CaseInsights>(cancellation, ids)).ToDictionary(c => c.Id);
        var scores = await OpenScoresAsync(tenant, events, cancellation);
        var changes = new Dictionary<InsightGroup, (string Name, List<InsightCell> Cells)>();
        foreach (var stream in events.GroupBy(e => e.StreamId))
        {
            var insights = cases.GetValueOrDefault(stream.Key);
            var before = insights?.Cells ?? [];
            foreach (var e in stream)
            {
                try
                {
                    insights = Fold.Apply(insights, stream.Key, e.Data, e.Version);
                    if (e.Data is MeasurementRecorded recorded && insights is not null) CaseInsightsFold.Measure(insights, recorded, scores[recorded.MeasurementId]);
                }
                catch (Exception ex) when (!ProjectionExceptions.IsExceptionTransient(ex))
                {
                    // As Marten's own fold reports it, so the daemon says which event (README: when a projection cannot apply an event).
                    throw new ApplyEventException(e, ex);
                }
            }
            if (insights is null) continue;
            insights.Cells = CaseContribution.Of(insights);
            tenant.Store(insights);
            var hood = insights.Neighbourhood;
            var group = new InsightGroup(hood.District, hood.Code, insights.Domain.ToString());
            var cells = changes.TryGetValue(group, out var change) ? change.Cells : [];
            cells.AddRange(InsightCell.Change(before, insights.Cells));
            changes[group] = (hood.Name, cells);
        }

        foreach (var d in destroyed) Destroyed(tenant, d, cases.ContainsKey(d.CaseId), changes);

        var summed = changes.ToDictionary(c => c.Key, c => Summed(c.Value.Cells));
        var changed = summed.Where(s => s.Value.Count > 0).ToDictionary(s => s.Key, s => s.Value[0].Quarter);
        if (changed.Count == 0) return;
        await using var connection = tenant.Database.CreateConnection();
        await connection.OpenAsync(cancellation);
        var rows = await FigureRows.LoadAsync(connection, _schema, tenantId, changed, cancellation);
        foreach (var group in changed.Keys) rows.Apply(group, changes[group].Name, summed[group]);
        if (rows.Write(_schema, tenantId) is { IsEmpty: false } write) tenant.QueueOperation(write);
    }

    /// <summary>
    /// A destroyed case (ADR 34). Live, its cells are in the figures already: only its <see cref="CaseInsights"/> goes. In a
    /// rebuild its events no longer exist: the cells kept with the declaration are added, as its events added them before.
    /// </summary>
    private static void Destroyed(IDocumentOperations tenant, CaseDestroyed d, bool live,
        Dictionary<InsightGroup, (string Name, List<InsightCell> Cells)> changes)
    {
        if (live)
        {
            tenant.Delete<CaseInsights>(d.CaseId);
            return;
        }
        if (d.Figures.Insights is not { } kept) return;
        var hood = kept.Neighbourhood;
        var group = new InsightGroup(hood.District, hood.Code, d.Domain.ToString());
        var cells = changes.TryGetValue(group, out var change) ? change.Cells : [];
        cells.AddRange(InsightCell.Unpack(kept.Cells));
        changes[group] = (hood.Name, cells);
    }

    /// <summary>A neighbourhood and domain's changes per quarter, in quarter order, period and state apart.</summary>
    private static List<(int Quarter, Dictionary<int, long> Period, Dictionary<int, long> State)> Summed(List<InsightCell> cells) =>
        cells.GroupBy(c => c.Quarter).OrderBy(q => q.Key)
            .Select(q => (q.Key,
                Sum(q.Where(c => !c.Key.Figure.IsState())),
                Sum(q.Where(c => c.Key.Figure.IsState()))))
            .Where(q => q.Item2.Count > 0 || q.Item3.Count > 0)
            .ToList();

    private static Dictionary<int, long> Sum(IEnumerable<InsightCell> cells) =>
        cells.GroupBy(c => c.Key.Code).Select(g => (g.Key, Count: g.Sum(c => (long)c.Count))).Where(g => g.Count != 0).ToDictionary(g => g.Key, g => g.Count);

    /// <summary>The scores of the page's measurements, opened with their participants' keys in one go; none for an erased participant.</summary>
    private async Task<Dictionary<Guid, IReadOnlyList<DomainScore>>> OpenScoresAsync(IQuerySession session, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        var recorded = events.Select(e => e.Data).OfType<MeasurementRecorded>().ToList();
        if (recorded.Count == 0) return [];
        var opened = await _texts.OpenAsync(session, recorded.Select(m => m.Domains).ToList(), cancellation);
        return recorded.Zip(opened).ToDictionary(p => p.First.MeasurementId,
            p => p.Second is { } json ? MeasurementScores.Decode(StructuredText.Of(json)) : (IReadOnlyList<DomainScore>)[]);
    }
}
