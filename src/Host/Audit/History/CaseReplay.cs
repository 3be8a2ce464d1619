using System.Collections.Frozen;
using System.Text.Json;
using JasperFx.Events;
using Marten;
using Marten.Events;
using Npgsql;
using Participation.Domain.Cases;
using Participation.Domain.FollowUp;
using Participation.Projections.Cases;
using Participation.Projections.FollowUp;
using Participation.Host.Http;

namespace Participation.Host.Audit.History;

/// <summary>
/// Replays a case's stream up to a version or a moment through <see cref="CaseDetailsProjection"/>,
/// reading only the columns the projection needs (version, type, data). Marten's own stream fetch
/// also reads and parses every metadata column, the headers with the seals among them, which makes
/// a replay of a long stream several times slower; the result is the same (a test compares them).
/// </summary>
public sealed class CaseReplay(IDocumentStore store, TimeProvider clock)
{
    private readonly EventGraph _events = ((DocumentStore)store).Events;
    private readonly FrozenDictionary<string, Type> _types = CaseEventTypes.All.ToFrozenDictionary(t => t.Name, t => t.Type);
    private readonly CaseDetailsProjection _projection = new();

    /// <summary>Whether stored events can be read as they are: an upcaster would have to run first, and only Marten's fetch runs it.</summary>
    public bool ReadsStoredEventsDirectly => !_events.Upcasters.HasAny;

    public async Task<CaseDetails?> StateAsync(string tenantId, Guid caseId, long? version, DateTimeOffset? at, CancellationToken cancellation) =>
        (await ReplayAsync(tenantId, caseId, version, at, cancellation)).Details;

    /// <summary>
    /// The case as it was, with its deadlines and suspension as they stood then: under the norms in force at that moment,
    /// counted up to that moment (<paramref name="at"/>; at a <paramref name="version"/>, the stamp of its event; else now).
    /// </summary>
    public async Task<CaseDetails?> StateWithFollowUpAsync(string tenantId, Guid caseId, long? version, DateTimeOffset? at, CancellationToken cancellation)
    {
        var (details, state, lastStamp) = await ReplayAsync(tenantId, caseId, version, at, cancellation);
        if (details is null) return null;
        var moment = at ?? (version is null ? clock.GetUtcNow() : lastStamp);
        await using var session = store.QuerySession(tenantId);
        var changes = await session.Events.FetchStreamAsync(NormsStream.IdOf(tenantId), token: cancellation);
        var norms = changes.Select(e => e.Data).OfType<NormsSet>().LastOrDefault(n => n.SetAt <= moment);
        return details.WithFollowUp(state, TenantNorms.From(norms), moment);
    }

    private async Task<(CaseDetails? Details, Case? State, DateTimeOffset LastStamp)> ReplayAsync(string tenantId, Guid caseId, long? version,
        DateTimeOffset? at, CancellationToken cancellation)
    {
        if (!ReadsStoredEventsDirectly)
        {
            await using var session = store.QuerySession(tenantId);
            var events = await session.Events.FetchStreamAsync(caseId, version ?? 0, at, token: cancellation);
            var replayed = events.Aggregate((CaseDetails?)null, (d, e) => _projection.Apply(d, caseId, e.Data, e.Version))?.AsRead(tenantId);
            var decided = events.Select(e => e.Data).OfType<ICaseEvent>().Aggregate((Case?)null, (c, e) => Case.Evolve(c, e));
            return (replayed, decided, events.Select(e => e.Data).OfType<ICaseEvent>().LastOrDefault()?.Stamp.At ?? default);
        }

        await using var connection = await (await store.DataSourceAsync(tenantId)).OpenConnectionAsync(cancellation);
        await using var command = new NpgsqlCommand(
            $"select version, type, data, seq_id from {_events.DatabaseSchemaName}.mt_events " +
            "where tenant_id = $1 and stream_id = $2 and version <= $3 and timestamp <= $4 order by version", connection)
        {
            Parameters =
            {
                new() { Value = tenantId }, new() { Value = caseId },
                new() { Value = version ?? long.MaxValue }, new() { Value = at ?? DateTimeOffset.MaxValue },
            },
        };
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        var serializer = store.Options.Serializer();
        CaseDetails? details = null;
        Case? state = null;
        var lastStamp = default(DateTimeOffset);
        while (await reader.ReadAsync(cancellation))
        {
            var e = Read(reader, reader.GetString(1), serializer);
            details = _projection.Apply(details, caseId, e, reader.GetInt64(0));
            state = Case.Evolve(state, e);
            lastStamp = ((ICaseEvent)e).Stamp.At;
        }
        return (details?.AsRead(tenantId), state, lastStamp);
    }

    private object Read(NpgsqlDataReader reader, string type, ISerializer serializer)
    {
        try
        {
            return serializer.FromJson(_types[type], reader, 2);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException)
        {
            throw new EventDeserializationFailureException(reader.GetInt64(3), type, e);
        }
    }
}
