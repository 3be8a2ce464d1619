using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Marten;
using Npgsql;
using Participation.Host.Operations.Rebuilds;
using Participation.Projections;

namespace Participation.Host.Operations.Versions;

/// <summary>
/// Every node's part in a rolling upgrade of the read models rebuilt by folding (ADR 39). Each node says every second which
/// version of each read model it writes (<see cref="ReadModelVersionTables.Nodes"/>). A node whose version is newer than the
/// live one builds it beside the old tables (one node per version: an advisory lock) while the nodes of the old version keep
/// answering, and serves it once it took over. A node whose version is older than the live one is superseded: it keeps
/// answering, <c>Degraded</c> in readiness (<see cref="ReadModelVersionCheck"/>), until it is replaced. While nodes of both
/// versions run, each version folds again into its own tables the streams the other's nodes change (each writes only its
/// own); once no older node has been heard of for <see cref="NodeSilence"/>, the live version's nodes drop the old tables.
/// </summary>
public sealed class ReadModelUpgrade : BackgroundService
{
    /// <summary>A node not heard of for this long is gone (a node says so every <see cref="Beat"/>).</summary>
    public static readonly TimeSpan NodeSilence = TimeSpan.FromSeconds(15);

    private static readonly TimeSpan Beat = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan RetryAfterFailure = TimeSpan.FromSeconds(30);

    private readonly IDocumentStore _store;
    private readonly NpgsqlDataSource _dataSource;
    private readonly ReadModelVersions _versions;
    private readonly ILogger<ReadModelUpgrade> _logger;
    private readonly FoldedRebuild _rebuild;
    private readonly string _schema;
    private readonly Guid _node = Guid.NewGuid();
    private readonly ConcurrentDictionary<string, ReadModelVersionStatus> _status = new();
    private readonly ConcurrentDictionary<string, Task<bool>> _builds = new();
    private readonly ConcurrentDictionary<string, DateTimeOffset> _failedAt = new();
    // A build outlives the look that starts it and ends with the node.
    private readonly CancellationTokenSource _stopping = new();
    private bool _registered;

    public ReadModelUpgrade(IDocumentStore store, NpgsqlDataSource dataSource, ReadModelVersions versions, IMeterFactory meters, ILogger<ReadModelUpgrade> logger)
    {
        (_store, _dataSource, _versions, _logger) = (store, dataSource, versions, logger);
        _rebuild = new FoldedRebuild(store, dataSource);
        _schema = store.Options.Events.DatabaseSchemaName;
        foreach (var model in FoldedReadModels.All)
            _status[model.Projection] = new(model.Projection, versions.Of(model.Projection), null, ReadModelVersionState.Unknown, $"Which version of {model.Projection} is live was not read yet.");
        meters.Create(ProjectionMonitor.MeterName).CreateObservableGauge("participation.read_models.version",
            () => _status.Values.Select(s => new Measurement<int>(s.Version,
                new KeyValuePair<string, object?>("projection", s.Projection), new KeyValuePair<string, object?>("state", s.State.ToString().ToLowerInvariant()))),
            "{version}", "This node's version of each read model, by projection and state (live, building, failed, following, superseded, unknown)");
    }

    /// <summary>This node's version of each read model and where it stands, as of the last beat.</summary>
    public IReadOnlyCollection<ReadModelVersionStatus> Status => _status.Values.OrderBy(s => s.Projection).ToList();

    /// <summary>The first look before the node takes requests: its readiness knows at once whether it may answer.</summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await LookAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(Beat, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            await LookAsync(stoppingToken);
        }
    }

    private async Task LookAsync(CancellationToken cancellation)
    {
        try
        {
            if (!_registered) await RegisterAsync(cancellation);
            _registered = true;
            await BeatAsync(cancellation);
        }
        catch (Exception e) when (!cancellation.IsCancellationRequested)
        {
            // Each read model keeps the state last read: the database check tells when the database is away.
            _logger.LogWarning(e, "Could not read or tell the read model versions of schema {Schema}; trying again", _schema);
        }
    }

    public override void Dispose()
    {
        _stopping.Dispose();
        base.Dispose();
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await base.StopAsync(cancellationToken);
        // A node that stops says so: the new version's nodes need not wait out its silence to drop the old tables.
        try
        {
            await using var command = _dataSource.CreateCommand($"delete from {_schema}.{ReadModelVersionTables.Nodes} where node = $1");
            command.Parameters.Add(new NpgsqlParameter { Value = _node });
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or OperationCanceledException)
        {
            _logger.LogWarning(e, "Could not say that this node stops writing its read model versions; the others wait {Silence} for it", NodeSilence);
        }
    }

    /// <summary>
    /// Records this node's versions with their tables. Where no version of a read model is known yet, the tables written
    /// before versions were recorded are version 1, live.
    /// </summary>
    private async Task RegisterAsync(CancellationToken cancellation)
    {
        await using var batch = _dataSource.CreateBatch();
        foreach (var model in FoldedReadModels.All)
        {
            var version = _versions.Of(model.Projection);
            batch.BatchCommands.Add(Command($"""
                insert into {_schema}.{ReadModelVersionTables.Versions} (projection, version, state, tables, changed_at)
                select $1, 1, '{ReadModelVersionTables.Live}', $2, now()
                where not exists (select 1 from {_schema}.{ReadModelVersionTables.Versions} where projection = $1)
                on conflict do nothing
                """, model.Projection, TablesOf(model, 1)));
            batch.BatchCommands.Add(Command($"""
                insert into {_schema}.{ReadModelVersionTables.Versions} (projection, version, state, tables, changed_at)
                values ($1, $2, '{ReadModelVersionTables.Building}', $3, now()) on conflict do nothing
                """, model.Projection, version, TablesOf(model, version)));
        }
        await batch.ExecuteNonQueryAsync(cancellation);
    }

    private static string[] TablesOf(IFoldedReadModel model, int version) => model.Documents.Select(d => ReadModelVersions.TableName(d, version)).ToArray();

    private async Task BeatAsync(CancellationToken cancellation)
    {
        var models = FoldedReadModels.All;
        await using (var beat = _dataSource.CreateCommand($"""
                         insert into {_schema}.{ReadModelVersionTables.Nodes} (node, projection, version, seen_at)
                         select $1, p, v, now() from unnest($2::text[], $3::int[]) as n(p, v)
                         on conflict (node, projection) do update set version = excluded.version, seen_at = excluded.seen_at
                         """))
        {
            beat.Parameters.Add(new NpgsqlParameter { Value = _node });
            beat.Parameters.Add(new NpgsqlParameter { Value = models.Select(m => m.Projection).ToArray() });
            beat.Parameters.Add(new NpgsqlParameter { Value = models.Select(m => _versions.Of(m.Projection)).ToArray() });
            await beat.ExecuteNonQueryAsync(cancellation);
        }

        var registry = await RegistryAsync(cancellation);
        foreach (var model in models)
        {
            var projection = model.Projection;
            var mine = _versions.Of(projection);
            var known = registry.Where(r => r.Projection == projection).ToList();
            var live = known.Where(r => r.State == ReadModelVersionTables.Live).Select(r => r.Version).DefaultIfEmpty(0).Max();
            if (mine > live) _status[projection] = StartBuild(model, mine, live);
            else
            {
                // One read model's follower failing holds up neither the others nor this one's next look.
                try
                {
                    Report(await KeepAsync(model, mine, live, known, cancellation));
                }
                catch (Exception e) when (!cancellation.IsCancellationRequested)
                {
                    _logger.LogError(e, "Following the other version's writes into {Projection} version {Version} in schema {Schema} failed; trying again",
                        projection, mine, _schema);
                    if (_status[projection].State is ReadModelVersionState.Unknown)
                        Report(new(projection, mine, live, mine == live ? ReadModelVersionState.Live : ReadModelVersionState.Superseded,
                            $"{projection} version {mine}: following the other version's writes failed ({e.Message}); trying again."));
                }
            }
        }
    }

    private sealed record Registered(string Projection, int Version, string State, string[] Tables, DateTimeOffset? CaughtUpTo, int OtherNodes, int OlderNodes);

    /// <summary>Every version of every read model, with the number of nodes of another version, and of an older one, heard of lately.</summary>
    private async Task<List<Registered>> RegistryAsync(CancellationToken cancellation)
    {
        await using var command = _dataSource.CreateCommand($"""
            select v.projection, v.version, v.state, v.tables, v.caught_up_to,
              (select count(*)::int from {_schema}.{ReadModelVersionTables.Nodes} as n
               where n.projection = v.projection and n.version <> v.version and n.seen_at > now() - $1),
              (select count(*)::int from {_schema}.{ReadModelVersionTables.Nodes} as n
               where n.projection = v.projection and n.version < v.version and n.seen_at > now() - $1)
            from {_schema}.{ReadModelVersionTables.Versions} as v
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = NodeSilence });
        var registry = new List<Registered>();
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
            registry.Add(new Registered(reader.GetString(0), reader.GetInt32(1), reader.GetString(2), reader.GetFieldValue<string[]>(3),
                reader.IsDBNull(4) ? null : reader.GetFieldValue<DateTimeOffset>(4), reader.GetInt32(5), reader.GetInt32(6)));
        return registry;
    }

    /// <summary>
    /// This node's version is newer than the live one: it is built beside it, by this node if no other builds it (a lock held
    /// for the build), and this node answers for it only once it took over.
    /// </summary>
    private ReadModelVersionStatus StartBuild(IFoldedReadModel model, int mine, int live)
    {
        var projection = model.Projection;
        // A build under way, or one that took over since the registry was read (its next read says so).
        if (_builds.TryGetValue(projection, out var running) && (!running.IsCompleted || running is { IsCompletedSuccessfully: true, Result: true }))
            return _status[projection];
        if (_failedAt.TryGetValue(projection, out var failedAt) && DateTimeOffset.UtcNow - failedAt < RetryAfterFailure)
            return _status[projection];
        _builds[projection] = Task.Run(() => BuildVersionAsync(model, mine, live, _stopping.Token));
        return new ReadModelVersionStatus(projection, mine, live, ReadModelVersionState.Building,
            $"{projection} version {mine} is being built beside version {live}, which the nodes of that version keep answering; " +
            "this node answers once it takes over (the 'rebuilds' check tells how far it got).");
    }

    /// <summary>Builds this node's version if no other node does; answers whether it took over.</summary>
    private async Task<bool> BuildVersionAsync(IFoldedReadModel model, int mine, int live, CancellationToken cancellation)
    {
        var projection = model.Projection;
        try
        {
            await using var holder = await _dataSource.OpenConnectionAsync(cancellation);
            await using (var claim = new NpgsqlCommand("select pg_try_advisory_lock(hashtext($1))", holder) { Parameters = { new() { Value = LockKey(projection, mine) } } })
                if (!(bool)(await claim.ExecuteScalarAsync(cancellation))!) return false; // another node of this version builds it
            await using (var state = new NpgsqlCommand(
                             $"select state from {_schema}.{ReadModelVersionTables.Versions} where projection = $1 and version = $2", holder)
                         { Parameters = { new() { Value = projection }, new() { Value = mine } } })
                if ((string?)await state.ExecuteScalarAsync(cancellation) == ReadModelVersionTables.Live) return true;

            foreach (var document in model.Documents) await _store.Storage.Database.EnsureStorageExistsAsync(document, cancellation);
            _logger.LogInformation("Building {Projection} version {Version} beside version {Live} in schema {Schema}; the nodes of version {Live} keep answering",
                projection, mine, live, _schema, live);
            var result = await _rebuild.RunAsync([model], line => _logger.LogInformation("{Progress}", line), cancellation, $"{projection} version {mine}");
            // The older versions follow this one's writes from the build's start: its nodes may have written (their timers) meanwhile.
            await using (var takeOver = new NpgsqlBatch(holder)
                         {
                             BatchCommands =
                             {
                                 Command($"update {_schema}.{ReadModelVersionTables.Versions} set state = '{ReadModelVersionTables.Live}', caught_up_to = $3, " +
                                     "changed_at = now() where projection = $1 and version = $2", projection, mine, result.CaughtUpTo),
                                 Command($"update {_schema}.{ReadModelVersionTables.Versions} set caught_up_to = least(coalesce(caught_up_to, $3), $3) " +
                                     $"where projection = $1 and version < $2 and state <> '{ReadModelVersionTables.Retired}'", projection, mine, result.StartedFrom),
                             },
                         })
                await takeOver.ExecuteNonQueryAsync(cancellation);
            _logger.LogInformation("{Projection} version {Version} took over from version {Live} in schema {Schema}: {Events} events folded into {Documents} documents",
                projection, mine, live, _schema, result.Events, result.Documents);
            // This node answers at once; the others of its version at their next beat.
            Report(new(projection, mine, mine, ReadModelVersionState.Following, $"{projection} version {mine} took over from version {live}."));
            _failedAt.TryRemove(projection, out _);
            return true;
        }
        catch (Exception e) when (!cancellation.IsCancellationRequested)
        {
            _failedAt[projection] = DateTimeOffset.UtcNow;
            _logger.LogError(e, "Building {Projection} version {Version} in schema {Schema} failed; the nodes of version {Live} keep answering; trying again in {Retry}",
                projection, mine, _schema, live, RetryAfterFailure);
            Report(new(projection, mine, live, ReadModelVersionState.Failed,
                $"Building {projection} version {mine} failed ({e.GetType().Name}: {e.Message}); the nodes of version {live} keep answering; " +
                $"trying again in {RetryAfterFailure.TotalSeconds:N0} s."));
            return false;
        }
    }

    private string LockKey(string projection, int version) => $"participation.read_models.{_schema}.{projection}.{version}";

    /// <summary>
    /// This node's version is the live one, or a newer one took over from it (superseded): while nodes of another version are
    /// heard of, the streams they change are folded again into this version's tables every beat (by one node of this version at
    /// a time), so either version answers what the other's nodes wrote a second later. Once the live version's nodes hear of no
    /// older node, the older versions' tables go.
    /// </summary>
    private async Task<ReadModelVersionStatus> KeepAsync(IFoldedReadModel model, int mine, int live, List<Registered> known, CancellationToken cancellation)
    {
        var projection = model.Projection;
        var current = known.Single(r => r.Version == mine);
        var older = mine == live ? known.Where(r => r.Version < mine && r.State != ReadModelVersionTables.Retired).ToList() : [];
        var state = mine == live ? ReadModelVersionState.Live : ReadModelVersionState.Superseded;
        var said = mine == live
            ? $"{projection} version {mine} is live."
            : $"{projection} version {mine} of this node is superseded by version {live}: this node answers from its own tables, into which " +
              "what the new version's nodes write is folded every second; replace it with a node of the new version.";
        // The live version follows older nodes (a newer version being built answers nothing yet); a superseded one, the newer nodes.
        var following = mine == live ? current.OlderNodes : current.OtherNodes;
        if (following == 0 && older.Count == 0) return new(projection, mine, live, state, said);

        await using var connection = await _dataSource.OpenConnectionAsync(cancellation);
        await using var transaction = await connection.BeginTransactionAsync(cancellation);
        await using (var claim = new NpgsqlCommand("select pg_try_advisory_xact_lock(hashtext($1))", connection) { Parameters = { new() { Value = LockKey(projection, -mine) } } })
            if (!(bool)(await claim.ExecuteScalarAsync(cancellation))!) return new(projection, mine, live, state, said);
        // A version that has not followed yet starts a minute back: the other version's nodes may have written since they started.
        var since = current.CaughtUpTo ?? DateTimeOffset.UtcNow - TimeSpan.FromMinutes(1);
        var (caughtUp, complete) = await _rebuild.FollowAsync(connection, [model], since, cancellation);
        await using var record = new NpgsqlBatch(connection);
        record.BatchCommands.Add(Command($"update {_schema}.{ReadModelVersionTables.Versions} set caught_up_to = $3 where projection = $1 and version = $2",
            projection, mine, caughtUp));
        // Only a last look that left no stream behind (one being appended to) retires: what it left may miss an old node's event.
        var retiring = older.Count > 0 && current.OlderNodes == 0 && complete;
        if (retiring)
        {
            // The last pass after the last older node went: its writes are in; its tables go.
            foreach (var table in older.SelectMany(o => o.Tables.Except(current.Tables)).Distinct())
                record.BatchCommands.Add(new NpgsqlBatchCommand($"drop table if exists {_schema}.{table}"));
            record.BatchCommands.Add(Command($"update {_schema}.{ReadModelVersionTables.Versions} set state = '{ReadModelVersionTables.Retired}', " +
                $"changed_at = now() where projection = $1 and version < $2 and state <> '{ReadModelVersionTables.Retired}'", projection, mine));
        }
        await record.ExecuteNonQueryAsync(cancellation);
        await transaction.CommitAsync(cancellation);
        if (retiring)
        {
            _logger.LogInformation("{Projection} version {Version}: no node of an older version is left in schema {Schema}; dropped the tables of versions {Older}",
                projection, mine, _schema, string.Join(", ", older.Select(o => o.Version)));
            return new(projection, mine, live, state, said);
        }
        return new(projection, mine, live, state == ReadModelVersionState.Live ? ReadModelVersionState.Following : state,
            $"{said} {following} node(s) of another version still write; what they write is folded into this version every second.");
    }

    /// <summary>Keeps a read model's status, and logs a change of its state (a node superseded at Error: it should be replaced).</summary>
    private void Report(ReadModelVersionStatus status)
    {
        if (_status.TryGetValue(status.Projection, out var before) && before.State != status.State
            && !(before.State is ReadModelVersionState.Live or ReadModelVersionState.Following && status.State is ReadModelVersionState.Live or ReadModelVersionState.Following))
            _logger.Log(status.State is ReadModelVersionState.Superseded ? LogLevel.Error : LogLevel.Information, "{Description}", status.Description);
        _status[status.Projection] = status;
    }

    private static NpgsqlBatchCommand Command(string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values) command.Parameters.Add(new NpgsqlParameter { Value = value });
        return command;
    }
}

public enum ReadModelVersionState
{
    Unknown,
    Live,
    Following,
    Building,
    Failed,
    Superseded,
}

/// <summary>This node's version of a read model, the live one, and where this node stands with it.</summary>
public sealed record ReadModelVersionStatus(string Projection, int Version, int? Live, ReadModelVersionState State, string Description);
