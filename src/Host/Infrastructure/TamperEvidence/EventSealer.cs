using JasperFx.Events;
using Marten;

namespace Participation.Host.Infrastructure.TamperEvidence;

/// <summary>
/// Seals every event as it is appended, whatever code appended it, by chaining it to the seal of
/// the stream's previous event; the seal is stored in the event's <c>seal</c> header.
/// </summary>
public sealed class EventSealer(EventSeal seal) : DocumentSessionListenerBase
{
    public override async Task BeforeSaveChangesAsync(IDocumentSession session, CancellationToken token)
    {
        var serializer = session.DocumentStore.Options.Serializer();
        foreach (var stream in session.PendingChanges.Streams())
        {
            if (stream.Events.Count == 0) continue;
            var (version, previous) = stream.ActionType == StreamActionType.Start
                ? (0L, EventSeal.Genesis)
                : await ChainHead(session, stream, token);

            foreach (var e in stream.Events)
            {
                version++;
                var record = new SealedEvent(session.TenantId, stream.Id, version, e.EventTypeName,
                    serializer.ToJson(e.Data), session.LastModifiedBy, session.CorrelationId, session.CausationId);
                previous = seal.Compute(previous, record);
                e.SetHeader(EventSeal.Header, previous);
            }
        }
    }

    private static async Task<(long Version, string Seal)> ChainHead(IDocumentSession session, StreamAction stream, CancellationToken token)
    {
        var version = stream.ExpectedVersionOnServer
            ?? (await session.Events.FetchStreamStateAsync(stream.Id, token))?.Version
            ?? 0;
        if (version == 0) return (0, EventSeal.Genesis);
        var last = await session.Events.FetchStreamAsync(stream.Id, version, fromVersion: version, token: token);
        return (version, last.Single().GetHeader(EventSeal.Header)?.ToString()
            ?? throw new InvalidOperationException($"Event {version} of stream {stream.Id} has no seal; the chain cannot continue."));
    }
}
