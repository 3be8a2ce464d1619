using System.Diagnostics.Metrics;
using Marten;
using Npgsql;

namespace Participation.Host.Operations;

/// <summary>How far one async shard is behind the newest committed event: in events, and in seconds since the oldest event it has yet to process.</summary>
public sealed record ShardLag(string Shard, long Sequence, long Behind, double Seconds);

/// <summary>
/// The async daemon's position against the event store at one moment: the high-water mark (the
/// sequence up to which the daemon has seen every event) and each async projection's progress.
/// </summary>
public sealed record ProjectionLagSample(long HighestEvent, ShardLag HighWaterMark, IReadOnlyList<ShardLag> Projections);

/// <summary>
/// Measures projection lag from the database (so every node reports the same, wherever the daemon
/// runs), samples it in the background and publishes it as gauges of the <c>Participation.Projections</c> meter.
/// </summary>
public sealed class ProjectionLagMonitor : BackgroundService
{
    public const string MeterName = "Participation.Projections";
    public const string HighWaterMarkShard = "HighWaterMark";

    private readonly NpgsqlDataSource _dataSource;
    private readonly string _schema;
    private readonly string[] _shards;
    private readonly TimeSpan _interval;
    private readonly ILogger<ProjectionLagMonitor> _logger;

    public ProjectionLagMonitor(NpgsqlDataSource dataSource, IDocumentStore store, IMeterFactory meters, IConfiguration configuration,
        ILogger<ProjectionLagMonitor> logger)
    {
        _dataSource = dataSource;
        _logger = logger;
        _schema = store.Options.Events.DatabaseSchemaName;
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
    }

    /// <summary>The latest background sample, if one was taken.</summary>
    public ProjectionLagSample? Latest { get; private set; }

    public IReadOnlyList<string> Shards => _shards;

    public async Task<ProjectionLagSample> SampleAsync(CancellationToken cancellation)
    {
        await using var command = _dataSource.CreateCommand(
            $"""
             with top as (select coalesce(max(seq_id), 0) as seq from {_schema}.mt_events),
                  shard as (select unnest($1::text[]) as name)
             select shard.name, coalesce(p.last_seq_id, 0), top.seq,
                    coalesce((select extract(epoch from clock_timestamp() - e.timestamp)::float8 from {_schema}.mt_events e
                              where e.seq_id > coalesce(p.last_seq_id, 0) order by e.seq_id limit 1), 0)
             from shard cross join top left join {_schema}.mt_event_progression p on p.name = shard.name
             """);
        command.Parameters.Add(new NpgsqlParameter { Value = _shards.Append(HighWaterMarkShard).ToArray() });
        var lags = new List<ShardLag>();
        var highest = 0L;
        await using (var reader = await command.ExecuteReaderAsync(cancellation))
        {
            while (await reader.ReadAsync(cancellation))
            {
                var sequence = reader.GetInt64(1);
                highest = reader.GetInt64(2);
                lags.Add(new ShardLag(reader.GetString(0), sequence, Math.Max(0, highest - sequence), Math.Max(0, reader.GetDouble(3))));
            }
        }
        var sample = new ProjectionLagSample(highest, lags.Single(l => l.Shard == HighWaterMarkShard), lags.Where(l => l.Shard != HighWaterMarkShard).ToList());
        Latest = sample;
        return sample;
    }

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
                _logger.LogWarning(e, "Could not sample projection lag");
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    private IEnumerable<Measurement<T>> Measure<T>(Func<ShardLag, T> value) where T : struct =>
        Latest is not { } sample
            ? []
            : sample.Projections.Append(sample.HighWaterMark)
                .Select(s => new Measurement<T>(value(s), new KeyValuePair<string, object?>("shard", s.Shard)));
}
