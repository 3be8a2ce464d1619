using System.Data;
using System.Text.Json;
using JasperFx.Events;
using Marten;
using Marten.Events;
using Npgsql;

namespace Participation.Host.Operations.Rebuilds;

/// <summary>
/// Rebuilds a read model whose documents each stream's events make (<see cref="IFoldedReadModel"/>) in one pass (ADR 38):
/// the events it reads, up to the store's last sequence number, come in stream order in one statement (PostgreSQL sorts
/// them); each stream is folded in memory and each of its documents written once, by binary COPY into a fresh copy of its
/// table (<see cref="TableCopy"/>); then the fresh tables take the old ones' places in one short transaction. Until then reads
/// answer from the old tables. Marten's daemon instead applies the events in pages in store order and writes each stream's
/// documents once per page, many times over for a stream whose events are spread over time. Like Marten's rebuild of an
/// inline projection, it is meant for a store commands do not write meanwhile: what they write to the old tables while it
/// runs is not carried over.
/// </summary>
public sealed class FoldedRebuild(IDocumentStore store, NpgsqlDataSource dataSource)
{
    /// <summary>Whether stored events can be read as they are: an upcaster would have to run first, and only Marten's reads run it.</summary>
    public bool ReadsStoredEventsDirectly => !Events.Upcasters.HasAny;

    private EventGraph Events => ((DocumentStore)store).Events;

    /// <summary>Rebuilds the read model; answers how many events it folded into how many documents.</summary>
    public async Task<(long Events, long Documents)> RunAsync(IFoldedReadModel model, IProgress<long>? folded, CancellationToken cancellation)
    {
        if (!ReadsStoredEventsDirectly)
            throw new InvalidOperationException($"Events are upcast when read; rebuild {model.Projection} with 'projections rebuild -p {model.Projection}'.");
        var serializer = store.Options.Serializer();
        var tables = new Dictionary<Type, TableCopy>();
        try
        {
            foreach (var type in model.Documents) tables[type] = await TableCopy.StartAsync(store, dataSource, type, cancellation);

            await using var reader = await dataSource.OpenConnectionAsync(cancellation);
            await using var snapshot = await reader.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellation);
            // Room for PostgreSQL to sort the events by stream in memory rather than on disk.
            await TableCopy.ExecuteAsync(reader, "set local work_mem = '256MB'", cancellation);
            var schema = store.Options.Events.DatabaseSchemaName;
            await using var read = new NpgsqlCommand(
                $"select tenant_id, stream_id, version, type, data, seq_id from {schema}.mt_events " +
                $"where seq_id <= (select coalesce(max(seq_id), 0) from {schema}.mt_events) and type = any($1) and not is_archived " +
                "order by tenant_id, stream_id, version", reader, snapshot) { Parameters = { new() { Value = model.Events.Keys.ToArray() } } };
            await using var rows = await read.ExecuteReaderAsync(CommandBehavior.SequentialAccess, cancellation);

            var (count, documents) = (0L, 0L);
            string? tenant = null;
            Guid stream = default;
            IStreamFold? fold = null;

            async Task Write()
            {
                if (fold is null) return;
                foreach (var (id, document, revision) in fold.Results)
                {
                    await tables[document.GetType()].WriteAsync(tenant!, id, document, serializer.ToJson(document), revision, cancellation);
                    documents++;
                }
            }

            while (await rows.ReadAsync(cancellation))
            {
                var (rowTenant, rowStream) = (rows.GetString(0), rows.GetGuid(1));
                if (rowStream != stream || rowTenant != tenant)
                {
                    await Write();
                    (tenant, stream, fold) = (rowTenant, rowStream, model.Start());
                }
                var (version, type) = (rows.GetInt64(2), rows.GetString(3));
                IEvent e;
                try
                {
                    e = Events.BuildEvent(serializer.FromJson(model.Events[type], rows, 4));
                }
                catch (JsonException failure)
                {
                    throw new EventDeserializationFailureException(rows.GetInt64(5), type, failure);
                }
                (e.StreamId, e.Version, e.TenantId) = (stream, version, tenant);
                fold!.Apply(e);
                if (++count % 100_000 == 0) folded?.Report(count);
            }
            await Write();
            foreach (var table in tables.Values) await table.CompleteAsync(cancellation);
            await TableCopy.SwapAsync(tables.Values, cancellation);
            folded?.Report(count);
            return (count, documents);
        }
        finally
        {
            foreach (var table in tables.Values) await table.DisposeAsync();
        }
    }
}
