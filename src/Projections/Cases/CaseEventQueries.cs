using JasperFx.Events;
using Marten;
using Participation.Domain.Cases;

namespace Participation.Projections.Cases;

public static class CaseEventQueries
{
    private static readonly string[] Names = CaseEventTypes.Names.ToArray();

    /// <summary>
    /// The tenant's case events, without the store's own: Marten writes a <c>tombstone</c> in a stream of its own for
    /// each sequence number of an append whose transaction rolled back (a client that hung up mid-command), and those
    /// are nobody's history, notification or audit record.
    /// </summary>
    public static IQueryable<IEvent> QueryCaseEvents(this Marten.Events.IQueryEventStore events) =>
        events.QueryAllRawEvents().Where(e => e.EventTypeName.IsOneOf(Names));
}
