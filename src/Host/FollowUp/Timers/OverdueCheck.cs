using System.Diagnostics.Metrics;
using Marten;
using Npgsql;
using Participation.Domain.Cases;
using Participation.Domain.FollowUp;
using Participation.Host.Http;
using Participation.Projections.FollowUp;

namespace Participation.Host.FollowUp.Timers;

/// <summary>
/// Records the deadlines that fell due: finds the cases whose timer (<see cref="CaseFollowUp.NextCheckAt"/>) has passed, and
/// for each locks its stream, checks its state again and appends <c>follow_up_overdue</c> for every level reached and not yet
/// recorded. The lock and the check in the state make it exactly once, however many nodes run it at once and however
/// often a timer fires: a second check of the same case waits for the first to commit and then finds nothing to record.
/// Cases are checked <see cref="FollowUpOptions.CasesPerTransaction"/> of one tenant at a time in one transaction (one
/// commit and one read of the norms for all of them), their streams locked in the order of their ids, so nodes that meet in
/// a chunk wait for each other but never deadlock; a chunk that fails is checked again case by case, so one broken case does
/// not hold up the others' timers.
/// </summary>
public sealed class OverdueCheck(IDocumentStore store, TimeProvider clock, Microsoft.Extensions.Options.IOptions<FollowUpOptions> options,
    IMeterFactory meters, ILogger<OverdueCheck> logger)
{
    public const string SystemUser = "system";
    public const string MeterName = "Participation.FollowUp";

    private readonly Counter<long> _failures = meters.Create(MeterName).CreateCounter<long>("participation.follow_up.check_failures", "{case}",
        "Cases whose passed deadlines could not be recorded (each is tried again at the next round)");

    private readonly string _due =
        $"select tenant_id, id from {store.Options.DatabaseSchemaName}.mt_doc_casefollowup where next_check_at <= $1 order by next_check_at limit $2";

    /// <summary>
    /// Checks every case whose timer has passed, in every tenant database (ADR 40); answers how many events it recorded. A
    /// database that does not answer is logged and counted, and the others are checked all the same.
    /// </summary>
    public async Task<int> RunDueAsync(CancellationToken cancellation)
    {
        var recorded = 0;
        foreach (var (database, dataSource) in await store.TenantDatabasesAsync())
        {
            try
            {
                recorded += await RunDueAsync(dataSource, cancellation);
            }
            catch (NpgsqlException e) when (!cancellation.IsCancellationRequested)
            {
                _failures.Add(1);
                logger.LogError(e, "Could not check the follow-up timers in the database of {Database}; it is tried again at the next round.", database.Tenants());
            }
        }
        return recorded;
    }

    private async Task<int> RunDueAsync(NpgsqlDataSource dataSource, CancellationToken cancellation)
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
        // Nodes that found the same cases take them in different chunks and orders, so they mostly do not meet.
        Random.Shared.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(due));
        var recorded = 0;
        foreach (var tenant in due.GroupBy(d => d.Tenant))
        foreach (var chunk in tenant.Select(d => d.CaseId).Chunk(options.Value.CasesPerTransaction))
        {
            try
            {
                recorded += await CheckAsync(tenant.Key, chunk, cancellation);
            }
            catch (Exception e) when (e is not NpgsqlException and not OperationCanceledException && chunk.Length > 1)
            {
                logger.LogWarning(e, "Checking {Count} cases of tenant {Tenant} together failed; checking them one by one.", chunk.Length, tenant.Key);
                foreach (var caseId in chunk) recorded += await CheckAloneAsync(tenant.Key, caseId, cancellation);
            }
            catch (Exception e) when (e is not NpgsqlException and not OperationCanceledException)
            {
                Failed(e, tenant.Key, chunk[0]);
            }
        }
        return recorded;
    }

    private async Task<int> CheckAloneAsync(string tenant, Guid caseId, CancellationToken cancellation)
    {
        try
        {
            return await CheckAsync(tenant, [caseId], cancellation);
        }
        catch (Exception e) when (e is not NpgsqlException and not OperationCanceledException)
        {
            Failed(e, tenant, caseId);
            return 0;
        }
    }

    // One case that cannot take an event (a broken stream, say) must not hold up every other case's timers; a database that
    // is away (NpgsqlException) ends the round instead.
    private void Failed(Exception e, string tenant, Guid caseId)
    {
        _failures.Add(1);
        logger.LogError(e, "Could not record the passed deadlines of case {CaseId} of tenant {Tenant}; it is tried again at the next round.", caseId, tenant);
    }

    /// <summary>Checks one case; answers how many overdue deadlines it recorded.</summary>
    public Task<int> CheckAsync(string tenant, Guid caseId, CancellationToken cancellation) => CheckAsync(tenant, [caseId], cancellation);

    /// <summary>Checks cases of one tenant in one transaction; answers how many overdue deadlines it recorded.</summary>
    private async Task<int> CheckAsync(string tenant, IEnumerable<Guid> caseIds, CancellationToken cancellation)
    {
        await using var session = store.LightweightSession(tenant);
        var now = clock.GetUtcNow();
        session.LastModifiedBy = SystemUser;
        // The check that recorded them: every event of a chunk shares it, as the events of one command do.
        session.CorrelationId = $"follow-up:{now:O}";
        // The streams locked and their states read in one round trip, in the order of their ids, with the tenant's norms.
        var batch = session.CreateBatchQuery();
        var norms = batch.QueryByPlan(TenantNormsPlan.Instance);
        var fetched = caseIds.Order().Select(id => (Id: id, Stream: batch.Events.FetchForExclusiveWriting<Case>(id))).ToList();
        await batch.Execute(cancellation);
        var tenantNorms = await norms;
        var recorded = new List<(Guid CaseId, int Count)>();
        foreach (var (caseId, fetching) in fetched)
        {
            var stream = await fetching;
            if (stream.Aggregate is not { } state) continue;
            var overdue = Deadlines.OverdueAt(state, tenantNorms, now, SystemUser);
            stream.AppendMany(overdue);
            session.StoreFollowUp(CaseFollowUp.Of(overdue.Aggregate(state, (s, e) => Case.Evolve(s, e)), tenantNorms, now));
            if (overdue.Count > 0) recorded.Add((caseId, overdue.Count));
        }
        await session.SaveChangesAsync(cancellation);
        foreach (var (caseId, count) in recorded) logger.LogInformation("Recorded {Count} overdue follow-up(s) of case {CaseId}.", count, caseId);
        return recorded.Sum(r => r.Count);
    }
}
