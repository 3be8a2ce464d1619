using System.Diagnostics;
using Npgsql;

namespace Participation.Host.Operations.Rebuilds;

/// <summary>
/// How far a rebuild got, kept in <see cref="RebuildProgressTable"/> (what readiness reports on every node) and told to the
/// operator's console with an estimate of the time left. The total is the store's last sequence number: about the events
/// to fold (the fold skips those of other streams).
/// </summary>
public sealed class RebuildProgress(NpgsqlDataSource dataSource, string schema, string projection, Action<string>? say)
{
    private readonly Stopwatch _watch = Stopwatch.StartNew();
    private long _total;

    public async Task StartAsync(CancellationToken cancellation)
    {
        await using var command = dataSource.CreateCommand($"""
            insert into {schema}.{RebuildProgressTable.Name} (projection, started_at, events_total, events_folded, stage, updated_at)
            values ($1, now(), (select coalesce(max(seq_id), 0) from {schema}.mt_events), 0, 'folding', now())
            on conflict (projection) do update set started_at = now(), events_total = excluded.events_total, events_folded = 0,
              stage = 'folding', updated_at = now()
            returning events_total
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = projection });
        _total = (long)(await command.ExecuteScalarAsync(cancellation))!;
        say?.Invoke($"{projection}: folding about {_total:N0} events");
    }

    /// <summary>Events folded so far, in the stage named (folding, catching up, taking over).</summary>
    public async Task ReportAsync(long folded, string stage, CancellationToken cancellation)
    {
        await using var command = dataSource.CreateCommand(
            $"update {schema}.{RebuildProgressTable.Name} set events_folded = $2, stage = $3, updated_at = now() where projection = $1");
        foreach (var value in new object[] { projection, folded, stage }) command.Parameters.Add(new NpgsqlParameter { Value = value });
        await command.ExecuteNonQueryAsync(cancellation);
        var share = _total == 0 ? 1 : Math.Min(1, (double)folded / _total);
        var left = share > 0 ? _watch.Elapsed.TotalSeconds * (1 - share) / share : double.NaN;
        say?.Invoke($"{projection}: {stage}, {folded:N0} of about {_total:N0} events ({share:P0}), about {left:N0} s left");
    }

    /// <summary>The rebuild failed and cleaned up: readiness reports it, with the reason, until the next rebuild of the read model.</summary>
    public async Task FailedAsync(Exception failure)
    {
        await using var command = dataSource.CreateCommand(
            $"update {schema}.{RebuildProgressTable.Name} set stage = $2, updated_at = now() where projection = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = projection });
        command.Parameters.Add(new NpgsqlParameter { Value = $"{Failed}{failure.GetType().Name}: {failure.Message}" });
        await command.ExecuteNonQueryAsync();
    }

    public const string Failed = "failed: ";

    /// <summary>The new tables took over: readiness no longer reports the rebuild.</summary>
    public async Task EndAsync()
    {
        await using var command = dataSource.CreateCommand($"delete from {schema}.{RebuildProgressTable.Name} where projection = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = projection });
        await command.ExecuteNonQueryAsync();
    }
}
