using JasperFx.Events.Projections;
using Marten;

namespace Participation.Projections.Insights;

public static class InsightProjections
{
    /// <summary>
    /// The read models behind "Eigen Kracht in Beeld", kept by the async daemon: per case <see cref="CaseInsights"/> with the
    /// tenants' figures beside it (<see cref="InsightFigureTable"/>), torn down with it by a rebuild.
    /// </summary>
    public static StoreOptions AddInsightProjections(this StoreOptions options, IPersonalTexts texts)
    {
        var schema = options.Events.DatabaseSchemaName;
        options.Storage.ExtendedSchemaObjects.Add(InsightFigureTable.For(schema));
        options.Projections.Add(new InsightsProjection(texts, schema), ProjectionLifecycle.Async);
        return options;
    }
}
