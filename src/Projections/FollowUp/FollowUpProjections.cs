using JasperFx.Events.Projections;
using Marten;
using Participation.Domain.FollowUp;

namespace Participation.Projections.FollowUp;

public static class FollowUpProjections
{
    /// <summary>
    /// The tenants' norms streams (their event name and their inline state) and the follow-up documents, whose timer,
    /// due moments and worklist filters are columns with indexes led by the tenant.
    /// </summary>
    public static StoreOptions AddFollowUp(this StoreOptions options)
    {
        options.Events.MapEventType<NormsSet>("norms_set");
        options.Projections.Add(new NormsStateProjection(), ProjectionLifecycle.Inline);
        options.Schema.For<CaseFollowUp>()
            .Duplicate(x => x.NextCheckAt!)
            .Duplicate(x => x.EarliestDueAt!)
            .Duplicate(x => x.EarliestLateThreeTimesAt!)
            .Duplicate(x => x.Owner!);
        return options;
    }
}
