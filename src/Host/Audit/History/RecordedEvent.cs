using JasperFx.Events;

namespace Participation.Host.Audit.History;

/// <summary>One stored event as auditors see it; <c>type</c> is the stable stored event name.</summary>
public sealed record RecordedEvent(
    Guid CaseId, long Version, long Sequence, string Type, DateTimeOffset Timestamp, string? User,
    string? CorrelationId, string? CausationId, object Data)
{
    public static RecordedEvent From(IEvent e) =>
        new(e.StreamId, e.Version, e.Sequence, e.EventTypeName, e.Timestamp, e.UserName, e.CorrelationId, e.CausationId, e.Data);
}
