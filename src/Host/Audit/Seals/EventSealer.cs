using System.Runtime.CompilerServices;
using JasperFx.Events;
using Marten;
using Marten.Services;

namespace Participation.Host.Audit.Seals;

/// <summary>
/// Seals every event as it is appended, whatever code appended it, by chaining it to the seal of
/// the stream's previous event; the seal (with the id of the key that made it) is stored in the event's <c>seal</c> header.
/// </summary>
public sealed class EventSealer(SealKeyRing seals, SealChainHeads heads) : DocumentSessionListenerBase
{
    private sealed record NewHead(Guid StreamId, long Version, string Seal);

    // The heads a session is about to commit; they become known only once its transaction commits.
    private readonly ConditionalWeakTable<IDocumentSession, List<NewHead>> _pending = new();

    public override async Task BeforeSaveChangesAsync(IDocumentSession session, CancellationToken token)
    {
        var serializer = session.DocumentStore.Options.Serializer();
        var newHeads = new List<NewHead>();
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
                previous = seals.Seal(previous, record);
                e.SetHeader(EventSeal.Header, previous);
            }
            newHeads.Add(new NewHead(stream.Id, version, previous));
        }
        _pending.AddOrUpdate(session, newHeads);
    }

    public override Task AfterCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken token)
    {
        if (_pending.TryGetValue(session, out var committed))
        {
            foreach (var head in committed) heads.Committed(session.TenantId, head.StreamId, head.Version, head.Seal);
            _pending.Remove(session);
        }
        return Task.CompletedTask;
    }

    private async Task<(long Version, string Seal)> ChainHead(IDocumentSession session, StreamAction stream, CancellationToken token)
    {
        var version = stream.ExpectedVersionOnServer
            ?? (await session.Events.FetchStreamStateAsync(stream.Id, token))?.Version
            ?? 0;
        if (version == 0) return (0, EventSeal.Genesis);
        if (heads.SealOf(session.TenantId, stream.Id, version) is { } known) return (version, known);

        var last = await session.Events.FetchStreamAsync(stream.Id, version, fromVersion: version, token: token);
        return (version, last.Single().GetHeader(EventSeal.Header)?.ToString()
            ?? throw new InvalidOperationException($"Event {version} of stream {stream.Id} has no seal; the chain cannot continue."));
    }
}
