using System.Diagnostics.Metrics;
using JasperFx.Events.Daemon;
using Marten;
using Npgsql;
using Participation.Host.Http;

namespace Participation.Host.Operations;

/// <summary>How far one async shard is behind the newest committed event: in events, and in seconds since the oldest event it has yet to process.</summary>
public sealed record ShardLag(string Shard, long Sequence, long Behind, double Seconds);

/// <summary>Events one async projection could not apply and skipped (Marten's dead letters): how many, and the first of them.</summary>
public sealed record ProjectionFailures(string Projection, int Count, long FirstSequence, string? FirstTenant, string FirstError);

/// <summary>
/// The async daemon's position against the event store at one moment: the high-water mark (the
/// sequence up to which the daemon has seen every event), each async projection's progress, and the
/// events a projection could not apply.
/// </summary>
public sealed record ProjectionSample(long HighestEvent, ShardLag HighWaterMark, IReadOnlyList<ShardLag> Projections, IReadOnlyList<ProjectionFailures> Failures);

/// <summary>
/// Reads the async projections' progress and failures from the database (so every node reports the same,
/// wherever the daemon runs), samples them in the background, publishes them as gauges of the
/// <c>Participation.Projections</c> meter and logs each newly failed event once. With a database per tenant (ADR 40) each
/// database is sampled and each shard reported at its furthest behind, the failures of all of them together.
/// </summary>
public sealed class ProjectionMonitor : BackgroundService
{
    public const string MeterName = "Participation.Projections";
    public const string HighWaterMarkShard = "HighWaterMark";
    private const int MaxFailuresRead = 1000;

    private readonly IDocumentStore _store;
    private readonly string[] _shards;
    private readonly TimeSpan _interval;
    private readonly ILogger<ProjectionMonitor> _logger;
    private readonly HashSet<Guid> _logged = [];

    public ProjectionMonitor(IDocumentStore store, IMeterFactory meters, IConfiguration configuration, ILogger<ProjectionMonitor> logger)
    {
        _store = store;
        _logger = logger;
        _shards = ((DocumentStore)store).Options.Projections.AllShards().Select(s => s.Name.Identity).Order(StringComparer.Ordinal).ToArray();
        _interval = TimeSpan.FromSeconds(configuration.GetValue("Progress:LagSampleSeconds", 5.0));

        var meter = meters.Create(MeterName);
        meter.CreateObservableGauge("participation.projections.lag.events", () => Measure(s => s.Behind), "{event}",
            "Committed events an async projection (or the daemon's high-water mark) has yet to process");
        meter.CreateObservableGauge("participation.projections.lag.seconds", () => Measure(s => s.Seconds), "s",
            "Age of the oldest event an async projection (or the daemon's high-water mark) has yet to process");
        meter.CreateObservableGauge("participation.projections.high_water_mark", () =>
            Latest is { } sample ? [new Measurement<long>(sample.HighWaterMark.Sequence)] : Array.Empty<Measurement<long>>(),
            "{event}", "Sequence up to which the async daemon has seen every event");
        meter.CreateObservableGauge("participation.projections.failed_events", () =>
            Latest is not { } sample
                ? []
                : Projections.Select(p => new Measurement<long>(
                    sample.Failures.FirstOrDefault(f => f.Projection == p)?.Count ?? 0, new KeyValuePair<string, object?>("projection", p))),
            "{event}", "Events an async projection could not apply and skipped, until an operator clears them");
    }

    /// <summary>The latest background sample, if one was taken.</summary>
    public ProjectionSample? Latest { get; private set; }

    public IReadOnlyList<string> Shards => _shards;

    private IEnumerable<string> Projections => _shards.Select(s => s.Split(':')[0]).Distinct();

    public async Task<ProjectionSample> SampleAsync(CancellationToken cancellation)
    {
        var samples = new List<ProjectionSample>();
        await _store.InEveryTenantDatabaseAsync(async (database, dataSource) => samples.Add(await SampleAsync(database, dataSource, cancellation)));
        var sample = samples.Count == 1 ? samples[0] : Furthest(samples);
        Latest = sample;
        return sample;
    }

    private async Task<ProjectionSample> SampleAsync(Marten.Storage.IMartenDatabase database, NpgsqlDataSource dataSource, CancellationToken cancellation)
    {
        var progress = (await database.AllProjectionProgress(cancellation)).ToDictionary(s => s.ShardName, s => s.Sequence);
        var highest = await database.FetchHighestEventSequenceNumber(cancellation);
        var names = _shards.Append(HighWaterMarkShard).ToArray();
        var sequences = names.Select(name => progress.GetValueOrDefault(name)).ToArray();
        var ages = await SecondsSinceFirstEventAfter(dataSource, sequences, cancellation);
        var lags = names.Select((name, i) => new ShardLag(name, sequences[i], Math.Max(0, highest - sequences[i]), ages[i])).ToList();
        return new ProjectionSample(highest, lags[^1], lags[..^1], await FailuresAsync(database, cancellation));
    }

    // Sequences of different databases do not compare; how far behind and how old do.
    private static ProjectionSample Furthest(IReadOnlyList<ProjectionSample> samples)
    {
        static ShardLag Worst(IEnumerable<ShardLag> lags) => lags.MaxBy(l => (l.Behind, l.Seconds))!;
        return new ProjectionSample(samples.Max(s => s.HighestEvent), Worst(samples.Select(s => s.HighWaterMark)),
            samples.SelectMany(s => s.Projections).GroupBy(l => l.Shard).Select(Worst).ToList(),
            samples.SelectMany(s => s.Failures).GroupBy(f => f.Projection)
                .Select(g => g.First() with { Count = g.Sum(f => f.Count) }).OrderBy(f => f.Projection, StringComparer.Ordinal).ToList());
    }

    /// <summary>
    /// Per sequence, the age of the first event after it: the oldest event a shard at that sequence has yet
    /// to process. Marten's progress API has no event times, and reading them through its event queries would
    /// deserialize (and could trip over) the events' bodies, so this reads the two columns it needs.
    /// </summary>
    private async Task<double[]> SecondsSinceFirstEventAfter(NpgsqlDataSource dataSource, long[] sequences, CancellationToken cancellation)
    {
        var schema = _store.Options.Events.DatabaseSchemaName;
        await using var command = dataSource.CreateCommand(
            $"""
             select coalesce((select extract(epoch from clock_timestamp() - e.timestamp)::float8 from {schema}.mt_events e
                              where e.seq_id > p.seq order by e.seq_id limit 1), 0)
             from unnest($1::bigint[]) with ordinality as p(seq, i) order by p.i
             """);
        command.Parameters.Add(new NpgsqlParameter { Value = sequences });
        var ages = new List<double>(sequences.Length);
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation)) ages.Add(Math.Max(0, reader.GetDouble(0)));
        return ages.ToArray();
    }

    private async Task<IReadOnlyList<ProjectionFailures>> FailuresAsync(Marten.Storage.IMartenDatabase database, CancellationToken cancellation)
    {
        await using var session = _store.QuerySession(Marten.Services.SessionOptions.ForDatabase(database));
        var failed = await session.Query<DeadLetterEvent>().OrderBy(d => d.EventSequence).Take(MaxFailuresRead).ToListAsync(cancellation);
        List<DeadLetterEvent> unseen;
        lock (_logged) unseen = failed.Where(f => _logged.Add(f.Id)).ToList();
        foreach (var failure in unseen)
            _logger.LogError("Projection {Projection} could not apply the event at sequence {Sequence} (tenant {Tenant}) and skipped it: {Error}. " +
                             "Fix the cause, then rebuild the projection, which clears it (README: when a projection cannot apply an event).",
                failure.ProjectionName, failure.EventSequence, failure.TenantId ?? "unknown", Describe(failure));
        return failed.GroupBy(f => f.ProjectionName, StringComparer.Ordinal)
            .Select(g => new ProjectionFailures(g.Key, g.Count(), g.First().EventSequence, g.First().TenantId, Describe(g.First())))
            .OrderBy(f => f.Projection, StringComparer.Ordinal).ToList();
    }

    private static string Describe(DeadLetterEvent failure) =>
        failure.ExceptionType is { Length: > 0 } type ? $"{type}: {failure.ExceptionMessage}" : failure.ExceptionMessage;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_interval);
        do
        {
            try
            {
                await SampleAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // A sampler that cannot read the database must not take the host down; readiness reports it.
                _logger.LogWarning(e, "Could not sample the async projections' progress");
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    private IEnumerable<Measurement<T>> Measure<T>(Func<ShardLag, T> value) where T : struct =>
        Latest is not { } sample
            ? []
            : sample.Projections.Append(sample.HighWaterMark)
                .Select(s => new Measurement<T>(value(s), new KeyValuePair<string, object?>("shard", s.Shard)));
}
