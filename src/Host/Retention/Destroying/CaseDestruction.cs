using System.Diagnostics;
using System.Diagnostics.Metrics;
using JasperFx.Events;
using Marten;
using Microsoft.Extensions.Options;
using Participation.Domain.Cases;
using Participation.Domain.Retention;
using Participation.Host.Notifications;
using Participation.Host.Privacy;
using Participation.Projections.Cases;
using Participation.Projections.FollowUp;
using Participation.Projections.Insights;
using Participation.Projections.Networks;
using Participation.Projections.Progress;

namespace Participation.Host.Retention.Destroying;

/// <summary>
/// Destroys an approved list's cases, <see cref="RetentionOptions.CasesPerTransaction"/> per transaction, so commands on other
/// cases never wait long behind it (ADR 34). Per case, in one transaction with its <see cref="CaseDestroyed"/> in the list's
/// stream: its stream and every event row, its read models written with commands (state, details rows, summary, search text,
/// follow-up), its participants' keys, its idempotent answers and its waiting notifications and their delivery log. The read
/// models the async daemon keeps (progress, insights, networks) drop theirs when the daemon reaches the <see cref="CaseDestroyed"/>.
/// </summary>
public sealed class CaseDestruction(IDocumentStore store, IOptions<RetentionOptions> options, TimeProvider clock, ILogger<CaseDestruction> logger)
{
    public const string System = "system:retention";

    private static readonly Meter Meter = new("Participation.Retention");
    private static readonly Counter<long> Destroyed = Meter.CreateCounter<long>("participation.retention.cases_destroyed", description: "Cases destroyed");

    /// <summary>The async work that keeps per-case data: a case is destroyed only once each has passed its last event.</summary>
    private static readonly string[] Shards = ["CaseProgress:All", "CaseInsights:All", "Networks:All", "Notifications:All"];

    /// <summary>How long one message works on a list before it hands the rest to the next message (Wolverine times handlers out).</summary>
    public static readonly TimeSpan Turn = TimeSpan.FromSeconds(20);

    /// <summary>Destroys the list's cases for one <see cref="Turn"/>; true once the list is complete, false when a next turn is needed.</summary>
    public async Task<bool> RunAsync(Guid listId, string tenant, CancellationToken cancellation)
    {
        var turn = Stopwatch.StartNew();
        while (turn.Elapsed < Turn)
        {
            var started = Stopwatch.GetTimestamp();
            if (await DestroyBatchAsync(listId, tenant, cancellation)) return true;
            // Rest as long as the transaction took (Retention:Rest): the destruction takes at most its share of the database and the CPU.
            await Task.Delay(Stopwatch.GetElapsedTime(started) * options.Value.Rest, cancellation);
        }
        return false;
    }

    /// <summary>One transaction: the next few cases of the list; true once the list is complete.</summary>
    private async Task<bool> DestroyBatchAsync(Guid listId, string tenant, CancellationToken cancellation)
    {
        await using var session = store.LightweightSession(tenant);
        session.LastModifiedBy = System;
        var stream = await session.Events.FetchForExclusiveWriting<DestructionList>(listId, cancellation);
        if (stream.Aggregate is not { Status: DestructionStatus.Destroying } list) return true;
        var batch = list.Pending.Take(options.Value.CasesPerTransaction).ToList();
        if (batch.Count == 0)
        {
            stream.AppendOne(new DestructionListCompleted(clock.GetUtcNow()));
            await session.SaveChangesAsync(cancellation);
            logger.LogInformation("Destruction list {ListId} of tenant {Tenant} is complete", listId, tenant);
            return true;
        }

        var ids = batch.Select(i => i.CaseId).ToArray();
        if (!await ProjectedAsync(session, ids, cancellation))
        {
            // The daemon has yet to pass these cases' last events (a case closed moments ago); their figures are kept from what it wrote.
            await Task.Delay(TimeSpan.FromMilliseconds(250), cancellation);
            return false;
        }

        var cases = await LockAndLoadAsync(session, ids, cancellation);
        var destroyed = new List<Guid>();
        foreach (var item in batch)
        {
            if (Destroy(session, listId, item, cases) is { } e)
            {
                stream.AppendOne(e);
                if (e is CaseDestroyed) destroyed.Add(item.CaseId);
            }
        }
        if (destroyed.Count > 0)
        {
            var patterns = IdempotentAnswers.Patterns(destroyed);
            session.QueueSqlCommand(IdempotentAnswers.DeleteSql(store.Options.Events.DatabaseSchemaName), patterns, patterns);
        }
        await session.SaveChangesAsync(cancellation);
        Destroyed.Add(destroyed.Count, new KeyValuePair<string, object?>("tenant", tenant));
        return false;
    }

    /// <summary>What one transaction needs of its cases, read in two round trips: their streams locked, then their state and read models.</summary>
    private sealed record Loaded(Dictionary<Guid, Case> States, Dictionary<Guid, CaseProgress> Progress, Dictionary<Guid, CaseInsights> Insights,
        Dictionary<Guid, CaseNetworks> Links, Dictionary<Guid, NetworkCases> Networks);

    private async Task<Loaded> LockAndLoadAsync(IDocumentSession session, Guid[] ids, CancellationToken cancellation)
    {
        // In id order, so two transactions that share cases never wait on each other in a circle; a command locks one case the same way.
        await session.AdvancedSql.QueryAsync<Guid>(
            $"select id from {store.Options.Events.DatabaseSchemaName}.mt_streams where tenant_id = ? and id = any(?) order by id for update",
            cancellation, session.TenantId, ids);
        var batch = session.CreateBatchQuery();
        var states = batch.LoadMany<Case>().ById(ids);
        var progress = batch.LoadMany<CaseProgress>().ById(ids);
        var insights = batch.LoadMany<CaseInsights>().ById(ids);
        var links = batch.LoadMany<CaseNetworks>().ById(ids);
        await batch.Execute(cancellation);
        var linked = (await links).ToDictionary(l => l.Id);
        var networkIds = linked.Values.SelectMany(l => l.NetworkIds).Distinct().ToArray();
        var networks = networkIds.Length == 0 ? [] : (await session.LoadManyAsync<NetworkCases>(cancellation, networkIds)).ToDictionary(n => n.Id);
        return new Loaded((await states).ToDictionary(s => s.Id), (await progress).ToDictionary(p => p.Id), (await insights).ToDictionary(i => i.Id), linked, networks);
    }

    /// <summary>Queues the removal of one case in the session's transaction; what the list records of it, or nothing when it is gone already.</summary>
    private object? Destroy(IDocumentSession session, Guid listId, DestructionItem item, Loaded loaded)
    {
        var caseId = item.CaseId;
        var now = clock.GetUtcNow();
        if (!loaded.States.TryGetValue(caseId, out var state)) return null;
        var progress = loaded.Progress.GetValueOrDefault(caseId);
        if (state.Status != CaseStatus.Closed)
            return new DestructionItemKept(caseId, "The case was reopened after the list was proposed.", now);
        if (progress?.ClosedAt is { } closedAt && !options.Value.PeriodOf(state.Domain).HasPassed(closedAt, now))
            return new DestructionItemKept(caseId, "The case was closed again after the list was proposed; its retention period runs from that closing.", now);

        var figures = Keep(caseId, progress, loaded);
        var schema = store.Options.Events.DatabaseSchemaName;
        var tenant = session.TenantId;
        foreach (var participantId in state.Participants.Keys) session.Delete<PersonalDataKey>(participantId);
        session.Delete<Case>(caseId);
        session.Delete<CaseDetailsHead>(caseId);
        session.DeleteWhere<CaseParticipantEntry>(x => x.CaseId == caseId);
        session.DeleteWhere<CaseContactEntry>(x => x.CaseId == caseId);
        session.DeleteWhere<CaseStrengthEntry>(x => x.CaseId == caseId);
        session.DeleteWhere<CaseConnectionEntry>(x => x.CaseId == caseId);
        session.DeleteWhere<CaseAgreementEntry>(x => x.CaseId == caseId);
        session.DeleteWhere<CaseMeasurementEntry>(x => x.CaseId == caseId);
        session.Delete<CaseSummary>(caseId);
        session.Delete<CaseSearchText>(caseId);
        session.Delete<CaseFollowUp>(caseId);
        session.QueueSqlCommand($"delete from {schema}.{FollowUpDeadlineTable.Name} where tenant_id = ? and case_id = ?", tenant, caseId);
        // Who processed the case's data goes with the case: the declaration says that it was destroyed, by whom and when.
        session.QueueSqlCommand($"delete from {schema}.{ProcessingLogTable.Name} where tenant_id = ? and case_id = ?", tenant, caseId);
        session.QueueSqlCommand($"delete from {schema}.{NotificationTables.Outbox} where tenant_id = ? and case_id = ?", tenant, caseId);
        session.QueueSqlCommand(
            $"delete from {schema}.{NotificationTables.Deliveries} d using {schema}.{NotificationTables.States} s " +
            "where d.subscription_id = s.subscription_id and s.tenant_id = ? and d.case_id = ?", tenant, caseId);
        session.QueueSqlCommand($"delete from {schema}.mt_events where tenant_id = ? and stream_id = ?", tenant, caseId);
        session.QueueSqlCommand($"delete from {schema}.mt_streams where tenant_id = ? and id = ?", tenant, caseId);
        logger.LogInformation("Case {CaseId} of tenant {Tenant} destroyed by list {ListId}", caseId, tenant, listId);
        return new CaseDestroyed(listId, caseId, state.Domain, state.Version, System, now, figures);
    }

    /// <summary>What the figures need of the case, from the read models the daemon keeps of it.</summary>
    private static KeptFigures Keep(Guid caseId, CaseProgress? progress, Loaded loaded)
    {
        var connections = new List<KeptConnection>();
        if (loaded.Links.TryGetValue(caseId, out var links))
            foreach (var networkId in links.NetworkIds)
                if (loaded.Networks.GetValueOrDefault(networkId)?.Find(caseId) is { } entry)
                    connections.Add(entry.Keep(networkId));
        return new KeptFigures(
            progress is null ? null : DestroyedProgress.Keep(progress),
            loaded.Insights.GetValueOrDefault(caseId) is { } insights ? new KeptInsights(insights.Neighbourhood, insights.PackedCells) : null,
            connections);
    }

    /// <summary>Whether the async daemon has passed the last event of each of <paramref name="caseIds"/> in every shard that keeps per-case data.</summary>
    private async Task<bool> ProjectedAsync(IDocumentSession session, Guid[] caseIds, CancellationToken cancellation)
    {
        var schema = store.Options.Events.DatabaseSchemaName;
        var rows = await session.AdvancedSql.QueryAsync<bool>(
            $"select coalesce((select max(seq_id) from {schema}.mt_events where tenant_id = ? and stream_id = any(?)), 0) <= " +
            $"coalesce((select min(last_seq_id) from {schema}.mt_event_progression where name = any(?) having count(*) = ?), -1)",
            cancellation, session.TenantId, caseIds, Shards, Shards.Length);
        return rows.Single();
    }
}
