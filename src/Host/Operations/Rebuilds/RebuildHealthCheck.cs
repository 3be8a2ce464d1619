using System.Diagnostics.Metrics;
using Marten;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using Participation.Host.Http;

namespace Participation.Host.Operations.Rebuilds;

/// <summary>
/// Part of <c>/health/ready</c>: Degraded (still 200; the live read models keep answering) while a read model is rebuilt
/// beside them, naming it and how far it got, and when a rebuild failed or stopped without a word for
/// <see cref="Silence"/> (its process killed), until the next rebuild of that read model. The share folded is a gauge
/// (<c>participation.read_models.rebuild_progress</c>, by projection and whether it is running, failed or stopped).
/// </summary>
public sealed class RebuildHealthCheck : IHealthCheck
{
    /// <summary>A rebuild tells its progress every 100,000 events and at each stage: this long without a word, it stopped.</summary>
    public static readonly TimeSpan Silence = TimeSpan.FromMinutes(2);

    private readonly IDocumentStore _store;
    private readonly string _schema;
    private IReadOnlyList<Rebuild> _last = [];

    private sealed record Rebuild(string Projection, string Stage, long Folded, long Total, DateTimeOffset StartedAt, bool Silent)
    {
        public double Share => Total == 0 ? 1 : Math.Min(1, (double)Folded / Total);
        public string State => Stage.StartsWith(RebuildProgress.Failed, StringComparison.Ordinal) ? "failed" : Silent ? "stopped" : "running";
    }

    public RebuildHealthCheck(IDocumentStore store, IMeterFactory meters)
    {
        _store = store;
        _schema = store.Options.Events.DatabaseSchemaName;
        meters.Create(ProjectionMonitor.MeterName).CreateObservableGauge("participation.read_models.rebuild_progress",
            () => _last.Select(r => new Measurement<double>(r.Share,
                new KeyValuePair<string, object?>("projection", r.Projection), new KeyValuePair<string, object?>("state", r.State))),
            "1", "The share of the events a read model rebuilt beside the live one has folded, by projection and state");
    }

    private const string Again = "run 'rebuild-folded' for it again (the nodes of a new version try again by themselves).";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var rebuilds = new List<Rebuild>();
        try
        {
            // Every tenant database's rebuilds (ADR 40); in the shared mode the one database's.
            await _store.InEveryTenantDatabaseAsync(async (_, dataSource) =>
            {
                await using var command = dataSource.CreateCommand(
                    $"select projection, stage, events_folded, events_total, started_at, updated_at < now() - $1 from {_schema}.{RebuildProgressTable.Name} order by projection");
                command.Parameters.Add(new NpgsqlParameter { Value = Silence });
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                    rebuilds.Add(new Rebuild(reader.GetString(0), reader.GetString(1), reader.GetInt64(2), reader.GetInt64(3),
                        reader.GetFieldValue<DateTimeOffset>(4), reader.GetBoolean(5)));
            });
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            return HealthCheckResult.Degraded("Whether a read model is being rebuilt could not be read.", e);
        }
        _last = rebuilds;
        if (rebuilds.Count == 0) return HealthCheckResult.Healthy("No read model is being rebuilt.");
        var data = rebuilds.DistinctBy(r => r.Projection).ToDictionary(r => r.Projection, r => (object)new { r.State, r.Stage, r.Folded, r.Total, r.StartedAt });
        return HealthCheckResult.Degraded(string.Join(" ", rebuilds.Select(r => r.State switch
        {
            "running" => $"{r.Projection} is being rebuilt beside the live read model ({r.Stage}, {r.Share:P0} of about {r.Total:N0} events); the live one answers until it takes over.",
            "failed" => $"The rebuild of {r.Projection} {r.Stage}; the live read model is unchanged; {Again}",
            _ => $"The rebuild of {r.Projection} stopped without a word at {r.Share:P0} ({r.Stage}); the live read model is unchanged; {Again}",
        })), data: data);
    }
}
