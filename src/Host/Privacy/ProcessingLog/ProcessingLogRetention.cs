using Marten;
using Microsoft.Extensions.Options;
using Npgsql;
using Participation.Host.Http;

namespace Participation.Host.Privacy;

/// <summary>
/// Removes the records older than <c>ProcessingLog:Retention</c> (by the Host's clock), in batches so no statement holds
/// many rows locked; every node does it every <c>ProcessingLog:RetentionCheckInterval</c>, and a delete that finds the
/// rows gone already removes nothing, so no node has to lead.
/// </summary>
public sealed class ProcessingLogRetention(
    IDocumentStore store, ProcessingLogWriter writer, IOptions<ProcessingLogOptions> options, TimeProvider clock, ILogger<ProcessingLogRetention> log)
    : BackgroundService
{
    private const int Batch = 10_000;

    /// <summary>Removes every expired record of every tenant database (ADR 40); returns how many.</summary>
    public async Task<long> RemoveExpiredAsync(CancellationToken cancellation)
    {
        var before = clock.GetUtcNow() - options.Value.Retention;
        long removed = 0;
        foreach (var (_, dataSource) in await store.TenantDatabasesAsync()) removed += await RemoveExpiredAsync(dataSource, before, cancellation);
        return removed;
    }

    private async Task<long> RemoveExpiredAsync(NpgsqlDataSource dataSource, DateTimeOffset before, CancellationToken cancellation)
    {
        long removed = 0;
        while (true)
        {
            await using var command = dataSource.CreateCommand(
                $"delete from {writer.Table} where id in (select id from {writer.Table} where start_time < $1 limit {Batch})");
            command.Parameters.Add(new NpgsqlParameter { Value = before });
            var count = await command.ExecuteNonQueryAsync(cancellation);
            removed += count;
            if (count < Batch) return removed;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var removed = await RemoveExpiredAsync(stoppingToken);
                if (removed > 0) log.LogInformation("Removed {Count} processing log records past their retention", removed);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                log.LogError(e, "Removing the processing log records past their retention failed; tried again in {Interval}", options.Value.RetentionCheckInterval);
            }
            try { await Task.Delay(options.Value.RetentionCheckInterval, stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }
}
