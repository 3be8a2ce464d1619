using System.Data;
using System.Text.Json;
using JasperFx.Events;
using Marten;
using Marten.Events;
using Npgsql;
using Participation.Domain.Retention;

namespace Participation.Host.Operations.Rebuilds;

/// <summary>
/// Rebuilds read models whose documents each stream's events make (<see cref="IFoldedReadModel"/>) beside the live ones, in
/// one pass (ADR 38): the events they read come in stream order in one statement (PostgreSQL sorts them); each stream is folded
/// in memory by each read model and each document written once, by binary COPY into a fresh copy of its table (<see cref="TableCopy"/>).
/// Commands keep writing to the old tables meanwhile; the streams they changed are folded again from all their events
/// (<see cref="CatchUpAsync"/>), once while they go on and once more in the transaction that locks the old tables, drops them
/// and renames the fresh ones, so the new tables take over with every event committed before it. Reads and commands wait
/// for that transaction and no longer. Marten's daemon instead writes each stream's documents once per page of events, many
/// times over for a stream whose events are spread over time, into the tables that answer the reads.
/// </summary>
public sealed class FoldedRebuild(IDocumentStore store, NpgsqlDataSource dataSource)
{
    // The moment from which a change may be missing from what a statement saw: the earliest start of a transaction running
    // then, as an append stamps a stream with its transaction's start (mt_streams.timestamp).
    private const string Unseen = "select least(now(), (select min(xact_start) from pg_stat_activity where pid <> pg_backend_pid()))";

    private readonly System.Collections.Concurrent.ConcurrentDictionary<Type, DocumentTable> _followed = new();

    /// <summary>Whether stored events can be read as they are: an upcaster would have to run first, and only Marten's reads run it.</summary>
    public bool ReadsStoredEventsDirectly => !Events.Upcasters.HasAny;

    private EventGraph Events => ((DocumentStore)store).Events;
    private ISerializer Serializer => store.Options.Serializer();
    private string Schema => store.Options.Events.DatabaseSchemaName;

    /// <summary>
    /// Rebuilds the read models in one pass over their events, telling <paramref name="say"/> how far it got under the name
    /// <paramref name="label"/> (their names by default); answers how many events it folded into how many documents, and the
    /// moment from which a change may be missing from the tables that took over (a transaction running then that wrote other
    /// tables: a node of another version's, <see cref="FollowAsync"/>).
    /// </summary>
    public async Task<FoldedRebuildResult> RunAsync(IReadOnlyList<IFoldedReadModel> models, Action<string>? say, CancellationToken cancellation,
        string? label = null)
    {
        var name = label ?? string.Join(", ", models.Select(m => m.Projection));
        if (!ReadsStoredEventsDirectly)
            throw new InvalidOperationException($"Events are upcast when read; rebuild {name} with 'projections rebuild -p'.");
        var tables = new Dictionary<Type, TableCopy>();
        var progress = new RebuildProgress(dataSource, Schema, name, say);
        await progress.StartAsync(cancellation);
        try
        {
            foreach (var type in models.SelectMany(m => m.Documents)) tables[type] = await TableCopy.StartAsync(store, dataSource, type, cancellation);
            var pass = new Pass(this, models);

            DateTimeOffset unseen, startedFrom;
            await using (var reader = await dataSource.OpenConnectionAsync(cancellation))
            await using (var snapshot = await reader.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellation))
            {
                unseen = startedFrom = await UnseenAsync(reader, cancellation);
                // Room for PostgreSQL to sort the events by stream in memory rather than on disk.
                await TableCopy.ExecuteAsync(reader, "set local work_mem = '256MB'", cancellation);
                await using var read = new NpgsqlCommand(EventsInStreamOrder(""), reader)
                {
                    // Sorting a city's events takes longer than a command may; a rebuild has no time limit.
                    CommandTimeout = 0, Parameters = { new() { Value = pass.Events.Keys.ToArray() } },
                };
                await using var rows = await read.ExecuteReaderAsync(cancellation);
                await pass.FoldAsync(rows, row => tables[row.Document.GetType()].WriteAsync(row, cancellation),
                    n => progress.ReportAsync(n, "folding", cancellation), cancellation);
            }
            foreach (var table in tables.Values) await table.CompleteAsync(cancellation);
            await progress.ReportAsync(pass.Folded, "catching up", cancellation);

            await using (var connection = await dataSource.OpenConnectionAsync(cancellation))
                unseen = await CatchUpAsync(connection, pass, tables.Values, unseen, cancellation);
            await progress.ReportAsync(pass.Folded, "taking over", cancellation);
            await TableCopy.SwapAsync(tables.Values, async connection => unseen = await CatchUpAsync(connection, pass, tables.Values, unseen, cancellation),
                cancellation);
            await progress.EndAsync();
            return new FoldedRebuildResult(pass.Folded, pass.Documents, startedFrom, unseen);
        }
        catch (Exception e)
        {
            // The live tables are as they were; the fresh ones go (a rebuild that was cancelled or failed starts afresh), and
            // readiness says so until the next rebuild of the read model.
            await TableCopy.DropFreshAsync(dataSource, tables.Values);
            await progress.FailedAsync(e);
            throw;
        }
        finally
        {
            foreach (var table in tables.Values) await table.DisposeAsync();
        }
    }

    /// <summary>
    /// Folds again, from all their events, the streams changed since <paramref name="since"/> whose version differs from the one
    /// folded, and replaces their documents in the fresh tables; answers the moment from which the next catch-up must look.
    /// </summary>
    private async Task<DateTimeOffset> CatchUpAsync(NpgsqlConnection connection, Pass pass, IReadOnlyCollection<TableCopy> tables, DateTimeOffset since,
        CancellationToken cancellation)
    {
        var (changed, unseen) = await ChangedStreamsAsync(connection, since, cancellation);
        changed.RemoveAll(stream => pass.Versions.GetValueOrDefault((stream.Tenant, stream.Stream)) == stream.Version);
        var destroyed = await DestroyedAsync(connection, since, cancellation);
        foreach (var table in tables) await table.Table.RemoveAsync(connection, table.Next, destroyed, cancellation);
        foreach (var stream in destroyed) pass.Versions.Remove(stream);
        if (changed.Count == 0) return unseen;

        var streams = changed.Select(c => (c.Tenant, c.Stream)).ToList();
        var rows = await RefoldAsync(connection, pass, streams, cancellation);
        foreach (var table in tables) await table.Table.ReplaceAsync(connection, table.Next, streams, rows[table.Table.Document].ToList(), cancellation);
        // A stream whose last events the fold does not read keeps a version of its own: it is not folded again at the next look.
        foreach (var (tenant, stream, version) in changed) pass.Versions[(tenant, stream)] = version;
        return unseen;
    }

    /// <summary>
    /// Brings the live tables of the read models up to the streams changed since <paramref name="since"/> by nodes that write
    /// other tables (nodes of another version, during a rolling upgrade: ADR 39), folding each again from all its events;
    /// answers the moment from which the next look must start. The streams are locked meanwhile, so no append to one commits
    /// between the read of its events and its rows (an append of this version's nodes then writes on top of the rows folded);
    /// a stream being appended to is left for the next look (<c>Complete</c> is false then: a last look must not leave one
    /// behind). Runs in the caller's transaction on <paramref name="connection"/>.
    /// </summary>
    public async Task<(DateTimeOffset CaughtUpTo, bool Complete)> FollowAsync(NpgsqlConnection connection, IReadOnlyList<IFoldedReadModel> models,
        DateTimeOffset since, CancellationToken cancellation)
    {
        var tables = new List<DocumentTable>();
        foreach (var type in models.SelectMany(m => m.Documents))
        {
            // Read once: a follower looks every second, and a live table keeps its name and columns.
            if (!_followed.TryGetValue(type, out var table)) _followed[type] = table = await DocumentTable.ReadAsync(store, connection, type, cancellation);
            tables.Add(table);
        }
        var (changed, seen) = await ChangedStreamsAsync(connection, since, cancellation);
        var (streams, unseen) = await LockAsync(connection, changed, seen, cancellation);
        var complete = streams.Count == changed.Count;
        var destroyed = await DestroyedAsync(connection, since, cancellation);
        foreach (var table in tables) await table.RemoveAsync(connection, table.Name, destroyed, cancellation);
        if (streams.Count == 0) return (unseen, complete);
        var rows = await RefoldAsync(connection, new Pass(this, models), streams, cancellation);
        foreach (var table in tables) await table.ReplaceAsync(connection, table.Name, streams, rows[table.Document].ToList(), cancellation);
        return (unseen, complete);
    }

    /// <summary>The streams changed since a moment (an append stamps its transaction's start), and the moment from which the next look must start.</summary>
    private async Task<(List<(string Tenant, Guid Stream, long Version)> Changed, DateTimeOffset Unseen)> ChangedStreamsAsync(NpgsqlConnection connection,
        DateTimeOffset since, CancellationToken cancellation)
    {
        var changed = new List<(string Tenant, Guid Stream, long Version)>();
        await using var streams = new NpgsqlCommand($"select tenant_id, id, version from {Schema}.mt_streams where timestamp >= $1", connection)
        {
            Parameters = { new() { Value = since } },
        };
        // Before the read: a transaction that commits after it started before this moment.
        var unseen = await UnseenAsync(connection, cancellation);
        await using var found = await streams.ExecuteReaderAsync(cancellation);
        while (await found.ReadAsync(cancellation)) changed.Add((found.GetString(0), found.GetGuid(1), found.GetInt64(2)));
        return (changed, unseen);
    }

    /// <summary>
    /// Locks the streams given (in the order of their ids, so followers never deadlock), skipping those another transaction
    /// holds: an append (its stamp will be at least its start, after the moment of the next look) or another version's
    /// follower (which may hold a stream stamped long before). A skipped stream moves the next look back to its stamp.
    /// </summary>
    private async Task<(List<(string Tenant, Guid Stream)> Locked, DateTimeOffset Unseen)> LockAsync(NpgsqlConnection connection,
        IReadOnlyCollection<(string Tenant, Guid Stream, long Version)> streams, DateTimeOffset unseen, CancellationToken cancellation)
    {
        var locked = new List<(string Tenant, Guid Stream)>();
        await using (var lockStreams = new NpgsqlCommand(
                         $"select tenant_id, id from {Schema}.mt_streams where (tenant_id, id) in (select * from unnest($1::varchar[], $2::uuid[])) " +
                         "order by tenant_id, id for update skip locked", connection)
                     {
                         Parameters = { new() { Value = streams.Select(s => s.Tenant).ToArray() }, new() { Value = streams.Select(s => s.Stream).ToArray() } },
                     })
        await using (var found = await lockStreams.ExecuteReaderAsync(cancellation))
        {
            while (await found.ReadAsync(cancellation)) locked.Add((found.GetString(0), found.GetGuid(1)));
        }
        var skipped = streams.Select(s => (s.Tenant, s.Stream)).Except(locked).ToList();
        if (skipped.Count == 0) return (locked, unseen);
        await using var stamps = new NpgsqlCommand(
            $"select min(timestamp) from {Schema}.mt_streams where (tenant_id, id) in (select * from unnest($1::varchar[], $2::uuid[]))", connection)
        {
            Parameters = { new() { Value = skipped.Select(s => s.Tenant).ToArray() }, new() { Value = skipped.Select(s => s.Stream).ToArray() } },
        };
        await using var reader = await stamps.ExecuteReaderAsync(cancellation);
        await reader.ReadAsync(cancellation);
        var earliest = reader.GetFieldValue<DateTimeOffset>(0);
        return (locked, earliest < unseen ? earliest : unseen);
    }

    /// <summary>The documents folded from all the events of the streams given, by table.</summary>
    private async Task<ILookup<Type, DocumentTable.Row>> RefoldAsync(NpgsqlConnection connection, Pass pass,
        IReadOnlyCollection<(string Tenant, Guid Stream)> streams, CancellationToken cancellation)
    {
        var rows = new List<DocumentTable.Row>();
        await using (var read = new NpgsqlCommand(EventsInStreamOrder("and (tenant_id, stream_id) in (select * from unnest($2::varchar[], $3::uuid[]))"), connection)
                     {
                         CommandTimeout = 0,
                         Parameters =
                         {
                             new() { Value = pass.Events.Keys.ToArray() }, new() { Value = streams.Select(c => c.Tenant).ToArray() },
                             new() { Value = streams.Select(c => c.Stream).ToArray() },
                         },
                     })
        await using (var found = await read.ExecuteReaderAsync(cancellation))
        {
            await pass.FoldAsync(found, row =>
            {
                rows.Add(row);
                return Task.CompletedTask;
            }, null, cancellation);
        }
        return rows.ToLookup(row => row.Document.GetType());
    }

    /// <summary>
    /// The cases destroyed since (<c>case_destroyed</c> in a destruction list's stream; the case's own stream is gone): they
    /// lose their rows in the tables a rebuild or a follower writes too, as they lost them in the live ones, so that their
    /// personal data does not come back.
    /// </summary>
    private async Task<List<(string Tenant, Guid Case)>> DestroyedAsync(NpgsqlConnection connection, DateTimeOffset since, CancellationToken cancellation)
    {
        var destroyed = new List<(string Tenant, Guid Case)>();
        await using var command = new NpgsqlCommand(
            $"select tenant_id, (data ->> 'caseId')::uuid from {Schema}.mt_events where type = $1 and timestamp >= $2", connection)
        {
            CommandTimeout = 0, Parameters = { new() { Value = DestructionEventTypes.Destroyed }, new() { Value = since } },
        };
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation)) destroyed.Add((reader.GetString(0), reader.GetGuid(1)));
        return destroyed;
    }

    /// <summary>The events of the types given ($1), of the streams <paramref name="filter"/> keeps, in the order a fold takes them (<see cref="Pass.FoldAsync"/>).</summary>
    private string EventsInStreamOrder(string filter) =>
        $"select tenant_id, stream_id, version, type, data, seq_id from {Schema}.mt_events where type = any($1) and not is_archived {filter} " +
        "order by tenant_id, stream_id, version";

    private static async Task<DateTimeOffset> UnseenAsync(NpgsqlConnection connection, CancellationToken cancellation)
    {
        await using var command = new NpgsqlCommand(Unseen, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        await reader.ReadAsync(cancellation);
        return reader.GetFieldValue<DateTimeOffset>(0);
    }

    /// <summary>
    /// One pass of the folds over event rows in stream order (each read model's fold is handed the events it reads): the version
    /// folded per stream, and how much was folded and written.
    /// </summary>
    private sealed class Pass(FoldedRebuild rebuild, IReadOnlyList<IFoldedReadModel> models)
    {
        /// <summary>The stored names of the events any of the read models reads, and their types.</summary>
        public IReadOnlyDictionary<string, Type> Events { get; } = models.SelectMany(m => m.Events).DistinctBy(e => e.Key).ToDictionary();

        public Dictionary<(string Tenant, Guid Stream), long> Versions { get; } = [];
        public long Folded { get; private set; }
        public long Documents { get; private set; }

        public async Task FoldAsync(NpgsqlDataReader rows, Func<DocumentTable.Row, Task> write, Func<long, Task>? folded, CancellationToken cancellation)
        {
            var serializer = rebuild.Serializer;
            string? tenant = null;
            Guid stream = default;
            IStreamFold[]? folds = null;
            long version = 0;

            async Task Finish()
            {
                if (folds is null) return;
                Versions[(tenant!, stream)] = version;
                foreach (var (id, document, revision) in folds.SelectMany(fold => fold.Results))
                {
                    await write(new DocumentTable.Row(tenant!, id, document, serializer.ToJson(document), revision));
                    Documents++;
                }
            }

            while (await rows.ReadAsync(cancellation))
            {
                var (rowTenant, rowStream) = (rows.GetString(0), rows.GetGuid(1));
                if (folds is null || rowStream != stream || rowTenant != tenant)
                {
                    await Finish();
                    (tenant, stream, folds) = (rowTenant, rowStream, models.Select(m => m.Start()).ToArray());
                }
                var type = rows.GetString(3);
                version = rows.GetInt64(2);
                IEvent e;
                try
                {
                    e = rebuild.Events.BuildEvent(serializer.FromJson(Events[type], rows, 4));
                }
                catch (JsonException failure)
                {
                    throw new EventDeserializationFailureException(rows.GetInt64(5), type, failure);
                }
                (e.StreamId, e.Version, e.TenantId) = (stream, version, tenant);
                for (var m = 0; m < models.Count; m++)
                    if (models[m].Events.ContainsKey(type)) folds[m].Apply(e);
                if (++Folded % 100_000 == 0 && folded is not null) await folded(Folded);
            }
            await Finish();
        }
    }
}

/// <summary>
/// What a folded rebuild did: events folded, documents written, the moment from which its read missed nothing (what other
/// tables, of an older version, may miss of this version's nodes' writes since), and the moment from which a change written
/// to other tables (by a node of another version) may be missing from the tables that took over.
/// </summary>
public sealed record FoldedRebuildResult(long Events, long Documents, DateTimeOffset StartedFrom, DateTimeOffset CaughtUpTo);
