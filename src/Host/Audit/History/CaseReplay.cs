using System.Collections.Frozen;
using System.Text.Json;
using JasperFx.Events;
using Marten;
using Marten.Events;
using Npgsql;
using Participation.Domain.Cases;
using Participation.Projections.Cases;

namespace Participation.Host.Audit.History;

/// <summary>
/// Replays a case's stream up to a version or a moment through <see cref="CaseDetailsProjection"/>,
/// reading only the columns the projection needs (version, type, data). Marten's own stream fetch
/// also reads and parses every metadata column, the headers with the seals among them, which makes
/// a replay of a long stream several times slower; the result is the same (a test compares them).
/// </summary>
public sealed class CaseReplay(NpgsqlDataSource dataSource, IDocumentStore store)
{
    private readonly EventGraph _events = ((DocumentStore)store).Events;
    private readonly FrozenDictionary<string, Type> _types = CaseEventTypes.All.ToFrozenDictionary(t => t.Name, t => t.Type);
    private readonly CaseDetailsProjection _projection = new();

    /// <summary>Whether stored events can be read as they are: an upcaster would have to run first, and only Marten's fetch runs it.</summary>
    public bool ReadsStoredEventsDirectly => !_events.Upcasters.HasAny;

    public async Task<CaseDetails?> StateAsync(string tenantId, Guid caseId, long? version, DateTimeOffset? at, CancellationToken cancellation)
    {
        if (!ReadsStoredEventsDirectly)
        {
            await using var session = store.QuerySession(tenantId);
            return (await session.Events.AggregateStreamAsync<CaseDetails>(caseId, version ?? 0, at, token: cancellation))?.AsRead(tenantId);
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellation);
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
        CaseDetails? state = null;
        while (await reader.ReadAsync(cancellation))
        {
            var type = reader.GetString(1);
            state = _projection.Apply(state, caseId, Read(reader, type, serializer), reader.GetInt64(0));
        }
        return state?.AsRead(tenantId);
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
