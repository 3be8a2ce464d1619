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
        var streams = session.PendingChanges.Streams().Where(s => s.Events.Count > 0).ToList();
        var chainHeads = await ChainHeads(session, streams.Where(s => s.ActionType != StreamActionType.Start).ToList(), token);
        var newHeads = new List<NewHead>();
        foreach (var stream in streams)
        {
            var (version, previous) = chainHeads.GetValueOrDefault(stream.Id, (0L, EventSeal.Genesis));
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

    /// <summary>
    /// The version and seal each appended stream's chain continues from: the seal from this node's own commits where it knows
    /// the version's, else read back; the streams whose version the session does not know and the seals it does not know are
    /// each read for all streams in one round trip, so a session appending to many streams (the timers) costs two at most.
    /// </summary>
    private async Task<Dictionary<Guid, (long Version, string Seal)>> ChainHeads(IDocumentSession session, IReadOnlyList<StreamAction> streams,
        CancellationToken token)
    {
        var versions = streams.ToDictionary(s => s.Id, s => s.ExpectedVersionOnServer);
        if (versions.Any(v => v.Value is null))
        {
            var batch = session.CreateBatchQuery();
            var states = versions.Where(v => v.Value is null).Select(v => (v.Key, State: batch.Events.FetchStreamState(v.Key))).ToList();
            await batch.Execute(token);
            foreach (var (id, state) in states) versions[id] = (await state)?.Version ?? 0;
        }
        var found = new Dictionary<Guid, (long, string)>();
        var unknown = new List<(Guid Id, long Version)>();
        foreach (var (id, version) in versions)
        {
            if (version is not > 0) continue;
            if (heads.SealOf(session.TenantId, id, version.Value) is { } known) found[id] = (version.Value, known);
            else unknown.Add((id, version.Value));
        }
        if (unknown.Count == 0) return found;
        var read = session.CreateBatchQuery();
        var lasts = unknown.Select(u => (u.Id, u.Version, Events: read.Events.FetchStream(u.Id, u.Version, fromVersion: u.Version))).ToList();
        await read.Execute(token);
        foreach (var (id, version, events) in lasts)
            found[id] = (version, (await events).Single().GetHeader(EventSeal.Header)?.ToString()
                ?? throw new InvalidOperationException($"Event {version} of stream {id} has no seal; the chain cannot continue."));
        return found;
    }
}
