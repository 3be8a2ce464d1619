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

    public async Task RunAsync(Guid listId, string tenant, CancellationToken cancellation)
    {
        while (!cancellation.IsCancellationRequested)
        {
            var done = await DestroyBatchAsync(listId, tenant, cancellation);
            if (done) return;
        }
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

        if (!await ProjectedAsync(session, batch.Select(i => i.CaseId).ToArray(), cancellation))
        {
            // The daemon has yet to pass these cases' last events (a case closed moments ago); their figures are kept from what it wrote.
            await Task.Delay(TimeSpan.FromMilliseconds(250), cancellation);
            return false;
        }

        var destroyed = new List<Guid>();
        foreach (var item in batch)
        {
            if (await DestroyAsync(session, listId, item, cancellation) is { } e)
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

    /// <summary>Removes one case within the session's transaction; what the list records of it, or nothing when it is gone already.</summary>
    private async Task<object?> DestroyAsync(IDocumentSession session, Guid listId, DestructionItem item, CancellationToken cancellation)
    {
        var caseId = item.CaseId;
        var now = clock.GetUtcNow();
        var caseStream = await session.Events.FetchForExclusiveWriting<Case>(caseId, cancellation);
        if (caseStream.Aggregate is not { } state) return null;
        var progress = await session.LoadAsync<CaseProgress>(caseId, cancellation);
        if (state.Status != CaseStatus.Closed)
            return new DestructionItemKept(caseId, "The case was reopened after the list was proposed.", now);
        if (progress?.ClosedAt is { } closedAt && !options.Value.PeriodOf(state.Domain).HasPassed(closedAt, now))
            return new DestructionItemKept(caseId, "The case was closed again after the list was proposed; its retention period runs from that closing.", now);

        var figures = await KeepAsync(session, caseId, progress, cancellation);
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
    private static async Task<KeptFigures> KeepAsync(IDocumentSession session, Guid caseId, CaseProgress? progress, CancellationToken cancellation)
    {
        var insights = await session.LoadAsync<CaseInsights>(caseId, cancellation);
        var links = await session.LoadAsync<CaseNetworks>(caseId, cancellation);
        var connections = new List<KeptConnection>();
        if (links is not null)
        {
            foreach (var network in await session.LoadManyAsync<NetworkCases>(cancellation, links.NetworkIds))
                if (network.Find(caseId) is { } entry)
                    connections.Add(entry.Keep(network.Id));
        }
        return new KeptFigures(
            progress is null ? null : DestroyedProgress.Keep(progress),
            insights is null ? null : new KeptInsights(insights.Neighbourhood, insights.PackedCells),
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
