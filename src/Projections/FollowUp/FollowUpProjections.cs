using JasperFx.Events.Projections;
using Marten;
using Participation.Domain.FollowUp;

namespace Participation.Projections.FollowUp;

public static class FollowUpProjections
{
    /// <summary>
    /// The tenants' norms streams (their event name and their inline state), the follow-up documents, whose timer, due
    /// moments and owner are columns with indexes led by the tenant, and the worklist's table of deadlines.
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
        options.Storage.ExtendedSchemaObjects.Add(FollowUpDeadlineTable.For(options.Events.DatabaseSchemaName));
        return options;
    }

    /// <summary>Stores a case's follow-up and, in the same batch, its rows of the worklist (<see cref="FollowUpDeadlineTable"/>).</summary>
    public static void StoreFollowUp(this IDocumentSession session, CaseFollowUp followUp)
    {
        session.Store(followUp);
        session.QueueOperation(new FollowUpDeadlineRows(
            $"{session.DocumentStore.Options.Events.DatabaseSchemaName}.{FollowUpDeadlineTable.Name}", session.TenantId, followUp));
    }
}
