using JasperFx.Events.Projections;
using Marten;

namespace Participation.Projections.Cases;

public static class CaseProjections
{
    /// <summary>Registers the case stream's event names, projections and the indexes behind the case list.</summary>
    public static StoreOptions AddCaseProjections(this StoreOptions options)
    {
        options.MapCaseEventTypes();
        options.Projections.Add(new CaseStateProjection(), ProjectionLifecycle.Inline);
        options.Projections.Add(new CaseDetailsProjection(), ProjectionLifecycle.Inline);
        options.Projections.Add(new CaseSummaryProjection(), ProjectionLifecycle.Inline);

        options.Schema.For<CaseSummary>()
            .Duplicate(x => x.LastActivityAt)
            .Duplicate(x => x.OpenedAt)
            .Index(x => x.Domain)
            .Index(x => x.Phase)
            .Index(x => x.Status)
            .Index(x => x.Neighbourhood.Code)
            .Index(x => x.Owner);
        return options;
    }
}
