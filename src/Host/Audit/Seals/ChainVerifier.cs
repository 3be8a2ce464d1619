using Marten;
using Npgsql;
using Participation.Host.Http;

namespace Participation.Host.Audit.Seals;

public sealed record ChainVerification(bool Intact, long? FirstBrokenVersion, long Version);

/// <summary>
/// Recomputes a stream's seal chain from the rows exactly as stored (raw <c>jsonb</c>, metadata
/// columns) and reports the first version whose row, seal or place in the chain is not as written. Each event is checked
/// with the key its seal names; a key that is not configured cannot vouch for the event, which then counts as broken.
/// </summary>
public sealed class ChainVerifier(IDocumentStore store, SealKeyRing seals, ILogger<ChainVerifier> logger)
{
    public async Task<ChainVerification?> VerifyAsync(string tenantId, Guid streamId, CancellationToken cancellation)
    {
        var schema = store.Options.Events.DatabaseSchemaName;
        await using var connection = await (await store.DataSourceAsync(tenantId)).OpenConnectionAsync(cancellation);
        var streamVersion = await StreamVersion(connection, schema, tenantId, streamId, cancellation);
        if (streamVersion is null) return null;

        await using var command = new NpgsqlCommand(
            $"select version, type, data::text, user_name, correlation_id, causation_id, headers ->> '{EventSeal.Header}' " +
            $"from {schema}.mt_events where stream_id = $1 and tenant_id = $2 order by version", connection)
        {
            Parameters = { new() { Value = streamId }, new() { Value = tenantId } },
        };
        await using var reader = await command.ExecuteReaderAsync(cancellation);

        var expectedVersion = 0L;
        var chain = EventSeal.Genesis;
        while (await reader.ReadAsync(cancellation))
        {
            expectedVersion++;
            var version = reader.GetInt64(0);
            if (version != expectedVersion) return Broken(expectedVersion, streamVersion.Value);

            var record = new SealedEvent(tenantId, streamId, version, reader.GetString(1), reader.GetString(2),
                Text(reader, 3), Text(reader, 4), Text(reader, 5));
            var stored = Text(reader, 6);
            var check = seals.Check(chain, record, stored, out var keyId);
            if (check == SealCheck.UnknownKey)
                logger.LogWarning("Event {Version} of stream {Stream} is sealed with key {KeyId}, which Audit:SealKeys does not hold; it counts as broken",
                    version, streamId, keyId);
            if (check != SealCheck.Holds) return Broken(version, streamVersion.Value);
            chain = stored!;
        }
        return expectedVersion == streamVersion
            ? new ChainVerification(true, null, streamVersion.Value)
            : Broken(expectedVersion + 1, streamVersion.Value);
    }

    private static ChainVerification Broken(long version, long streamVersion) => new(false, version, streamVersion);

    private static string? Text(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static async Task<long?> StreamVersion(NpgsqlConnection connection, string schema, string tenantId, Guid streamId, CancellationToken cancellation)
    {
        await using var command = new NpgsqlCommand($"select version from {schema}.mt_streams where id = $1 and tenant_id = $2", connection)
        {
            Parameters = { new() { Value = streamId }, new() { Value = tenantId } },
        };
        return await command.ExecuteScalarAsync(cancellation) is long version ? version : null;
    }
}
