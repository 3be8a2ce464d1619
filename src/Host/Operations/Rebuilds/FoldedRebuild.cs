using System.Data;
using System.Text.Json;
using JasperFx.Events;
using Marten;
using Marten.Events;
using Npgsql;
using NpgsqlTypes;

namespace Participation.Host.Operations.Rebuilds;

/// <summary>
/// Rebuilds a read model kept as one document per stream (<see cref="IFoldedReadModel"/>) in one pass (ADR 38): the events
/// it reads, up to the store's last sequence number, come in stream order in one statement (PostgreSQL sorts them); each
/// stream is folded in memory and its document written once, by binary COPY into a fresh copy of the table, which then
/// takes the table's place in one short transaction. Until then reads answer from the old table. Marten's daemon instead
/// applies the events in pages in store order and upserts a document per stream and page, many times over for a stream
/// whose events are spread over time. Like Marten's rebuild of an inline projection, it is meant for a store commands do
/// not write meanwhile: what they write to the old table while it runs is not carried over.
/// </summary>
public sealed class FoldedRebuild(IDocumentStore store, NpgsqlDataSource dataSource)
{
    // The columns of a document table without duplicated fields or metadata beyond Marten's defaults: what is copied.
    private static readonly string[] Columns = ["tenant_id", "id", "data", "mt_dotnet_type", "mt_version", "mt_last_modified"];

    /// <summary>Whether stored events can be read as they are: an upcaster would have to run first, and only Marten's reads run it.</summary>
    public bool ReadsStoredEventsDirectly => !((DocumentStore)store).Events.Upcasters.HasAny;

    /// <summary>Rebuilds the read model; answers how many events it folded into how many documents.</summary>
    public async Task<(long Events, long Documents)> RunAsync(IFoldedReadModel model, IProgress<long>? folded, CancellationToken cancellation)
    {
        if (!ReadsStoredEventsDirectly)
            throw new InvalidOperationException($"Events are upcast when read; rebuild {model.Projection} with 'projections rebuild -p {model.Projection}'.");
        var events = store.Options.Events.DatabaseSchemaName;
        var table = store.Options.FindOrResolveDocumentType(model.Document).TableName;
        var (schema, name, next) = (table.Schema, table.Name, $"{table.Name}_rebuilt");
        var serializer = store.Options.Serializer();

        await using var writer = await dataSource.OpenConnectionAsync(cancellation);
        await RefuseOtherColumnsAsync(writer, schema, name, cancellation);
        await ExecuteAsync(writer, $"drop table if exists {schema}.{next}; create table {schema}.{next} (like {schema}.{name} including all)", cancellation);

        await using var reader = await dataSource.OpenConnectionAsync(cancellation);
        await using var snapshot = await reader.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellation);
        // Room for PostgreSQL to sort the events by stream in memory rather than on disk.
        await ExecuteAsync(reader, "set local work_mem = '256MB'", cancellation);
        await using var read = new NpgsqlCommand(
            $"select tenant_id, stream_id, version, type, data, seq_id from {events}.mt_events " +
            $"where seq_id <= (select coalesce(max(seq_id), 0) from {events}.mt_events) and type = any($1) and not is_archived " +
            "order by tenant_id, stream_id, version", reader, snapshot) { Parameters = { new() { Value = model.Events.Keys.ToArray() } } };
        await using var rows = await read.ExecuteReaderAsync(CommandBehavior.SequentialAccess, cancellation);

        var (count, documents) = (0L, 0L);
        await using (var copy = await writer.BeginBinaryImportAsync(
                         $"copy {schema}.{next} (tenant_id, id, data, mt_dotnet_type, mt_version) from stdin (format binary)", cancellation))
        {
            string? tenant = null;
            Guid stream = default;
            IStreamFold? fold = null;

            async Task Write()
            {
                if (fold?.Result is not { } document) return;
                await copy.StartRowAsync(cancellation);
                await copy.WriteAsync(tenant!, NpgsqlDbType.Varchar, cancellation);
                await copy.WriteAsync(stream, NpgsqlDbType.Uuid, cancellation);
                await copy.WriteAsync(serializer.ToJson(document), NpgsqlDbType.Jsonb, cancellation);
                await copy.WriteAsync(document.GetType().FullName!, NpgsqlDbType.Varchar, cancellation);
                await copy.WriteAsync(fold.Version, NpgsqlDbType.Bigint, cancellation);
                documents++;
            }

            while (await rows.ReadAsync(cancellation))
            {
                var (rowTenant, rowStream) = (rows.GetString(0), rows.GetGuid(1));
                if (rowStream != stream || rowTenant != tenant)
                {
                    await Write();
                    (tenant, stream, fold) = (rowTenant, rowStream, model.Start());
                }
                var version = rows.GetInt64(2);
                var type = rows.GetString(3);
                object data;
                try
                {
                    data = serializer.FromJson(model.Events[type], rows, 4);
                }
                catch (JsonException e)
                {
                    throw new EventDeserializationFailureException(rows.GetInt64(5), type, e);
                }
                fold!.Apply(stream, data, version);
                if (++count % 100_000 == 0) folded?.Report(count);
            }
            await Write();
            await copy.CompleteAsync(cancellation);
        }
        await SwapAsync(writer, schema, name, next, cancellation);
        folded?.Report(count);
        return (count, documents);
    }

    private static async Task RefuseOtherColumnsAsync(NpgsqlConnection connection, string schema, string table, CancellationToken cancellation)
    {
        await using var command = new NpgsqlCommand(
            "select array_agg(column_name::text) from information_schema.columns where table_schema = $1 and table_name = $2", connection)
        {
            Parameters = { new() { Value = schema }, new() { Value = table } },
        };
        var columns = (string[])(await command.ExecuteScalarAsync(cancellation))!;
        if (!columns.ToHashSet().SetEquals(Columns))
            throw new InvalidOperationException($"{schema}.{table} has columns a folded rebuild does not write ({string.Join(", ", columns.Except(Columns))}).");
    }

    /// <summary>
    /// The fresh table takes the old one's place and its index names (Marten compares them at its next schema check), in one
    /// transaction that waits for the commands using the old table and holds new ones for as long as it takes.
    /// </summary>
    private static async Task SwapAsync(NpgsqlConnection connection, string schema, string name, string next, CancellationToken cancellation)
    {
        await using var swap = await connection.BeginTransactionAsync(cancellation);
        await ExecuteAsync(connection, $"lock table {schema}.{name} in access exclusive mode", cancellation);
        var renames = new List<string>();
        await using (var indexes = new NpgsqlCommand("""
            select n.indexname, o.indexname from pg_indexes as o join pg_indexes as n
              on n.schemaname = o.schemaname and n.tablename = $3
             and substr(n.indexdef, strpos(n.indexdef, ' USING ')) = substr(o.indexdef, strpos(o.indexdef, ' USING '))
            where o.schemaname = $1 and o.tablename = $2
            """, connection, swap) { Parameters = { new() { Value = schema }, new() { Value = name }, new() { Value = next } } })
        await using (var found = await indexes.ExecuteReaderAsync(cancellation))
        {
            while (await found.ReadAsync(cancellation))
                renames.Add($"alter index {schema}.\"{found.GetString(0)}\" rename to \"{found.GetString(1)}\"");
        }
        await ExecuteAsync(connection, $"drop table {schema}.{name}; alter table {schema}.{next} rename to {name}; " + string.Join("; ", renames), cancellation);
        await swap.CommitAsync(cancellation);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellation)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellation);
    }
}
