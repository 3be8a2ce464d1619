using System.Diagnostics.Metrics;
using Marten;
using Npgsql;
using Participation.Domain.Cases;
using Participation.Domain.FollowUp;
using Participation.Projections.FollowUp;

namespace Participation.Host.FollowUp.Timers;

/// <summary>
/// Records the deadlines that fell due: finds the cases whose timer (<see cref="CaseFollowUp.NextCheckAt"/>) has passed, and
/// for each locks its stream, checks its state again and appends <c>follow_up_overdue</c> for every level reached and not yet
/// recorded. The lock and the check in the state make it exactly once, however many nodes run it at once and however
/// often a timer fires: a second check of the same case waits for the first to commit and then finds nothing to record.
/// </summary>
public sealed class OverdueCheck(IDocumentStore store, NpgsqlDataSource dataSource, TimeProvider clock, Microsoft.Extensions.Options.IOptions<FollowUpOptions> options,
    IMeterFactory meters, ILogger<OverdueCheck> logger)
{
    public const string SystemUser = "system";
    public const string MeterName = "Participation.FollowUp";

    private readonly Counter<long> _failures = meters.Create(MeterName).CreateCounter<long>("participation.follow_up.check_failures", "{case}",
        "Cases whose passed deadlines could not be recorded (each is tried again at the next round)");

    private readonly string _due =
        $"select tenant_id, id from {store.Options.DatabaseSchemaName}.mt_doc_casefollowup where next_check_at <= $1 order by next_check_at limit $2";

    /// <summary>Checks every case whose timer has passed; answers how many events it recorded.</summary>
    public async Task<int> RunDueAsync(CancellationToken cancellation)
    {
        var now = clock.GetUtcNow();
        var due = new List<(string Tenant, Guid CaseId)>();
        await using (var command = dataSource.CreateCommand(_due))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = now });
            command.Parameters.Add(new NpgsqlParameter { Value = options.Value.BatchSize });
            await using var reader = await command.ExecuteReaderAsync(cancellation);
            while (await reader.ReadAsync(cancellation)) due.Add((reader.GetString(0), reader.GetGuid(1)));
        }
        // Nodes that found the same cases take them in different orders, so they mostly do not wait for each other's locks.
        Random.Shared.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(due));
        var recorded = 0;
        foreach (var (tenant, caseId) in due)
        {
            try
            {
                recorded += await CheckAsync(tenant, caseId, cancellation);
            }
            catch (Exception e) when (e is not NpgsqlException and not OperationCanceledException)
            {
                // One case that cannot take an event (a broken stream, say) must not hold up every other case's timers;
                // a database that is away (NpgsqlException) ends the round instead.
                _failures.Add(1);
                logger.LogError(e, "Could not record the passed deadlines of case {CaseId} of tenant {Tenant}; it is tried again at the next round.",
                    caseId, tenant);
            }
        }
        return recorded;
    }

    /// <summary>Checks one case; answers how many overdue deadlines it recorded.</summary>
    public async Task<int> CheckAsync(string tenant, Guid caseId, CancellationToken cancellation)
    {
        await using var session = store.LightweightSession(tenant);
        session.LastModifiedBy = SystemUser;
        session.CorrelationId = $"follow-up:{caseId}";
        var stream = await session.Events.FetchForExclusiveWriting<Case>(caseId, cancellation);
        if (stream.Aggregate is not { } state) return 0;
        var now = clock.GetUtcNow();
        var norms = await session.NormsAsync(cancellation);
        var overdue = Deadlines.OverdueAt(state, norms, now, SystemUser);
        stream.AppendMany(overdue);
        session.StoreFollowUp(CaseFollowUp.Of(overdue.Aggregate(state, (s, e) => Case.Evolve(s, e)), norms, now));
        await session.SaveChangesAsync(cancellation);
        if (overdue.Count > 0) logger.LogInformation("Recorded {Count} overdue follow-up(s) of case {CaseId}.", overdue.Count, caseId);
        return overdue.Count;
    }
}
