using Marten;
using Npgsql;
using NpgsqlTypes;
using Participation.Domain.Cases;

namespace Participation.Host.Notifications.Delivery;

/// <summary>One subscription's delivery state as integrators see it.</summary>
public sealed record SubscriptionState(
    Guid SubscriptionId, string Status, string? DisabledReason, DateTimeOffset? LastDeliveredAt, long Position, long Pending,
    DateTimeOffset? OldestPendingAt);

/// <summary>A waiting notification, as the pump claims it.</summary>
public sealed record PendingNotification(Notification Notification, int Attempts);

/// <summary>
/// The delivery state in <see cref="NotificationTables"/> of one database (<see cref="DeliveryStates"/> hands out the one
/// a tenant's subscriptions live in): what waits for which subscription, the pump's lease, and the log of attempts. Every
/// statement names the subscription, and readers name the tenant too.
/// </summary>
public sealed class DeliveryState(NpgsqlDataSource dataSource, IDocumentStore store)
{
    /// <summary>The outbox's <c>domain</c> of a network's event, which has none.</summary>
    private const string NoDomain = "";

    public const string Active = "active";
    public const string Disabled = "disabled";

    private readonly string _states = Table(store, NotificationTables.States);
    private readonly string _outbox = Table(store, NotificationTables.Outbox);
    private readonly string _deliveries = Table(store, NotificationTables.Deliveries);

    private static string Table(IDocumentStore store, string name) => $"{store.Options.Events.DatabaseSchemaName}.{name}";

    public NpgsqlDataSource DataSource => dataSource;

    /// <summary>Queues the state row of a new subscription in the session that stores it.</summary>
    public static void Create(IDocumentSession session, Guid subscriptionId) =>
        session.QueueSqlCommand($"insert into {Table(session.DocumentStore, NotificationTables.States)} (subscription_id, tenant_id, status) values (?, ?, '{Active}')",
            subscriptionId, session.TenantId);

    /// <summary>Queues the removal of a subscription's state and waiting events; it waits for a delivery round in flight.</summary>
    public static void Delete(IDocumentSession session, Guid subscriptionId)
    {
        session.QueueSqlCommand($"select pg_advisory_xact_lock({SubscriptionLock("?")})", subscriptionId);
        session.QueueSqlCommand($"delete from {Table(session.DocumentStore, NotificationTables.Outbox)} where subscription_id = ?", subscriptionId);
        session.QueueSqlCommand($"delete from {Table(session.DocumentStore, NotificationTables.States)} where subscription_id = ?", subscriptionId);
    }

    /// <summary>
    /// Queues waiting notifications in <paramref name="operations"/>' transaction, one per subscription and event; an
    /// event already waiting is not queued twice. Static, since the fan-out runs inside the store it would otherwise depend on.
    /// </summary>
    public static void Queue(IDocumentOperations operations, IReadOnlyList<(Guid SubscriptionId, Notification Notification)> rows)
    {
        if (rows.Count == 0) return;
        operations.QueueSqlCommand(
            $"""
             insert into {Table(operations.DocumentStore, NotificationTables.Outbox)} (subscription_id, position, tenant_id, case_id, event_id, version, type, domain, occurred_at, list_id)
             select * from unnest(?::uuid[], ?::bigint[], ?::text[], ?::uuid[], ?::uuid[], ?::bigint[], ?::text[], ?::text[], ?::timestamptz[], ?::uuid[])
             on conflict do nothing
             """,
            rows.Select(r => r.SubscriptionId).ToArray(), rows.Select(r => r.Notification.Position).ToArray(),
            rows.Select(r => r.Notification.Tenant).ToArray(), rows.Select(r => r.Notification.StreamId).ToArray(),
            rows.Select(r => r.Notification.EventId).ToArray(), rows.Select(r => r.Notification.Version).ToArray(),
            rows.Select(r => r.Notification.Type).ToArray(), rows.Select(r => r.Notification.Domain?.ToString() ?? NoDomain).ToArray(),
            rows.Select(r => r.Notification.OccurredAt).ToArray(), rows.Select(r => r.Notification.ListId).ToArray());
    }

    public async Task<IReadOnlyList<SubscriptionState>> ReadAsync(string tenant, IReadOnlyCollection<Guid> subscriptionIds, CancellationToken cancellation)
    {
        await using var command = dataSource.CreateCommand(
            $"""
             select s.subscription_id, s.status, s.disabled_reason, s.last_delivered_at, s.position,
                    (select count(*) from {_outbox} o where o.subscription_id = s.subscription_id),
                    (select min(o.occurred_at) from {_outbox} o where o.subscription_id = s.subscription_id)
             from {_states} s where s.tenant_id = $1 and s.subscription_id = any($2)
             """);
        command.Parameters.Add(new() { Value = tenant });
        command.Parameters.Add(new() { Value = subscriptionIds.ToArray() });
        return await ReadStates(command, cancellation);
    }

    /// <summary>Every subscription of every tenant, for the health report and the gauges.</summary>
    public async Task<IReadOnlyList<SubscriptionState>> ReadAllAsync(CancellationToken cancellation)
    {
        await using var command = dataSource.CreateCommand(
            $"""
             select s.subscription_id, s.status, s.disabled_reason, s.last_delivered_at, s.position, count(o.position), min(o.occurred_at)
             from {_states} s left join {_outbox} o on o.subscription_id = s.subscription_id
             group by s.subscription_id order by s.subscription_id
             """);
        return await ReadStates(command, cancellation);
    }

    private static async Task<IReadOnlyList<SubscriptionState>> ReadStates(NpgsqlCommand command, CancellationToken cancellation)
    {
        var states = new List<SubscriptionState>();
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
            states.Add(new SubscriptionState(reader.GetGuid(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetFieldValue<DateTimeOffset>(3), reader.GetInt64(4), reader.GetInt64(5),
                reader.IsDBNull(6) ? null : reader.GetFieldValue<DateTimeOffset>(6)));
        return states;
    }

    /// <summary>Makes a subscription active again; its waiting events are due at once, from the oldest on.</summary>
    public async Task<bool> EnableAsync(string tenant, Guid subscriptionId, CancellationToken cancellation)
    {
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(BatchCommand(
            $"update {_states} set status = '{Active}', disabled_reason = null, failures_in_a_row = 0, resume_at = null, wake_at = null " +
            "where subscription_id = $1 and tenant_id = $2", subscriptionId, tenant));
        batch.BatchCommands.Add(BatchCommand($"update {_outbox} set attempts = 0, next_attempt_at = now() where subscription_id = $1 and tenant_id = $2",
            subscriptionId, tenant));
        await batch.ExecuteNonQueryAsync(cancellation);
        return batch.BatchCommands[0].RecordsAffected > 0;
    }

    /// <summary>Takes the subscription's pump lease unless another pump holds it; false also when it is disabled or gone.</summary>
    public async Task<bool> TryLeaseAsync(Guid subscriptionId, TimeSpan lease, CancellationToken cancellation)
    {
        await using var command = Command(
            $"update {_states} set leased_until = now() + $2, wake_at = null where subscription_id = $1 and status = '{Active}' " +
            "and (leased_until is null or leased_until < now())", subscriptionId, lease);
        command.Connection = await dataSource.OpenConnectionAsync(cancellation);
        await using var connection = command.Connection;
        return await command.ExecuteNonQueryAsync(cancellation) == 1;
    }

    /// <summary>Extends the pump's lease to <paramref name="lease"/> from now, while its rounds run.</summary>
    public async Task RenewLeaseAsync(Guid subscriptionId, TimeSpan lease, CancellationToken cancellation) =>
        await ExecuteAsync($"update {_states} set leased_until = now() + $2 where subscription_id = $1", cancellation, subscriptionId, lease);

    public async Task ReleaseLeaseAsync(Guid subscriptionId) =>
        await ExecuteAsync($"update {_states} set leased_until = null where subscription_id = $1", CancellationToken.None, subscriptionId);

    /// <summary>
    /// How long until the subscription has work again: none for now, the time to its earliest retry, or the time
    /// until its receiver is tried again after it was down; null when nothing waits or it is not active.
    /// </summary>
    public async Task<TimeSpan?> NextWorkAsync(Guid subscriptionId, CancellationToken cancellation)
    {
        await using var command = Command(
            $"""
             select extract(epoch from greatest(s.resume_at, (select min(o.next_attempt_at) from {_outbox} o where o.subscription_id = s.subscription_id
                                           and o.position = (select min(h.position) from {_outbox} h
                                                             where h.subscription_id = o.subscription_id and h.case_id = o.case_id))) - now())::float8
             from {_states} s where s.subscription_id = $1 and s.status = '{Active}'
             """, subscriptionId);
        command.Connection = await dataSource.OpenConnectionAsync(cancellation);
        await using var connection = command.Connection;
        return await command.ExecuteScalarAsync(cancellation) is double seconds ? TimeSpan.FromSeconds(Math.Max(0, seconds)) : null;
    }

    /// <summary>Records that a pump is scheduled in <paramref name="delay"/>, unless one is scheduled earlier; true if it should be scheduled.</summary>
    public async Task<bool> TryScheduleWakeAsync(Guid subscriptionId, TimeSpan delay, CancellationToken cancellation)
    {
        await using var command = Command(
            $"update {_states} set wake_at = now() + $2 where subscription_id = $1 and (wake_at is null or wake_at < now() or wake_at > now() + $2)",
            subscriptionId, delay);
        command.Connection = await dataSource.OpenConnectionAsync(cancellation);
        await using var connection = command.Connection;
        return await command.ExecuteNonQueryAsync(cancellation) == 1;
    }

    /// <summary>Deletes what is left of a subscription whose registration is gone.</summary>
    public async Task ForgetAsync(Guid subscriptionId)
    {
        await ExecuteAsync($"delete from {_outbox} where subscription_id = $1", CancellationToken.None, subscriptionId);
        await ExecuteAsync($"delete from {_states} where subscription_id = $1", CancellationToken.None, subscriptionId);
    }

    public async Task<(string Tenant, string Status, int FailuresInARow, bool Resting)?> StateForPumpAsync(NpgsqlConnection connection, Guid subscriptionId,
        CancellationToken cancellation)
    {
        await using var command = Command(
            $"select tenant_id, status, failures_in_a_row, coalesce(resume_at > now(), false) from {_states} where subscription_id = $1", subscriptionId);
        command.Connection = connection;
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        return await reader.ReadAsync(cancellation) ? (reader.GetString(0), reader.GetString(1), reader.GetInt32(2), reader.GetBoolean(3)) : null;
    }

    /// <summary>
    /// Claims up to <paramref name="cases"/> cases whose oldest waiting event is due, oldest first, and reads with each up
    /// to <paramref name="perCase"/> of that case's events in position order. A claim is a transaction-scoped advisory
    /// lock on the case (and a shared one on the subscription, which <see cref="Delete"/> waits for): a case claimed by
    /// another round is skipped, never its next event, so each case stays in order. Advisory locks, unlike row locks,
    /// give the round's transaction no transaction id while it posts, so the rows other rounds delete become dead to
    /// every transaction at once and the next claim's index scan skips them instead of visiting each (ADR 11). The events
    /// are read by a second statement, whose snapshot is taken after the locks: it sees every round that let go of a case
    /// before this one took it.
    /// </summary>
    public async Task<IReadOnlyList<PendingNotification>> ClaimAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid subscriptionId,
        int cases, int perCase, CancellationToken cancellation)
    {
        await using var claim = new NpgsqlBatch(connection, transaction);
        claim.BatchCommands.Add(BatchCommand($"select pg_advisory_xact_lock_shared({SubscriptionLock("$1")})", subscriptionId));
        // The candidates (each case's oldest due row, oldest first) come sorted and limited from a subquery, and the lock
        // is tried on them one by one until enough are held: a filter with the lock beside the sort would let PostgreSQL
        // try it on every row before sorting (a small table is scanned, not read by index), and hold cases it never returns.
        claim.BatchCommands.Add(BatchCommand(
            $"""
             select c.case_id from (
               select o.case_id, o.position from {_outbox} o
               where o.subscription_id = $1 and o.next_attempt_at <= now()
                 and o.position = (select min(h.position) from {_outbox} h where h.subscription_id = o.subscription_id and h.case_id = o.case_id)
               order by o.position limit $3) c
             where pg_try_advisory_xact_lock({CaseLock("$1", "c.case_id")})
             limit $2
             """, subscriptionId, cases, cases * (NotificationPump.Lanes + 1)));
        var claimedCases = new List<Guid>();
        await using (var reader = await claim.ExecuteReaderAsync(cancellation))
        {
            await reader.NextResultAsync(cancellation);
            while (await reader.ReadAsync(cancellation)) claimedCases.Add(reader.GetGuid(0));
        }
        if (claimedCases.Count == 0) return [];

        await using var command = Command(
            $"""
             select e.event_id, e.tenant_id, e.case_id, e.position, e.version, e.type, e.domain, e.occurred_at, e.attempts, e.list_id
             from unnest($2::uuid[]) claimed(case_id) cross join lateral (
               select * from {_outbox} c where c.subscription_id = $1 and c.case_id = claimed.case_id
                 and (select h.next_attempt_at from {_outbox} h where h.subscription_id = $1 and h.case_id = claimed.case_id
                      order by h.position limit 1) <= now()
               order by c.position limit $3) e
             order by e.position
             """, subscriptionId, claimedCases.ToArray(), perCase);
        command.Connection = connection;
        command.Transaction = transaction;
        var claimed = new List<PendingNotification>();
        await using var events = await command.ExecuteReaderAsync(cancellation);
        while (await events.ReadAsync(cancellation))
            claimed.Add(new PendingNotification(
                new Notification(events.GetGuid(0), events.GetString(1), events.GetGuid(2), events.GetInt64(3), events.GetInt64(4), events.GetString(5),
                    events.GetString(6) is { Length: > 0 } domain ? Enum.Parse<CaseDomain>(domain) : null, events.GetFieldValue<DateTimeOffset>(7),
                    events.IsDBNull(9) ? null : events.GetGuid(9)),
                events.GetInt32(8)));
        return claimed;
    }

    /// <summary>The key of a subscription's advisory lock: shared by its delivery rounds, taken alone by its deletion.</summary>
    private static string SubscriptionLock(string subscriptionId) => $"hashtextextended({subscriptionId}::text, 0)";

    /// <summary>The keys of the advisory lock of one case of a subscription: the two-key space, apart from <see cref="SubscriptionLock"/>'s.</summary>
    private static string CaseLock(string subscriptionId, string caseId) => $"hashtext({subscriptionId}::text), hashtext({caseId}::text)";

    /// <summary>
    /// Writes one round's outcome in the round's transaction: the subscription's progress, failures in a row and rest
    /// (renewing the pump's lease), what was answered, what is retried when, and the log. The subscription's row is
    /// changed first, so lanes recording at the same time take turns on it. The commit does not wait for the disk: a
    /// round lost in a database crash is only delivered again (at least once, same <c>webhook-id</c>).
    /// </summary>
    public async Task RecordAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid subscriptionId, IReadOnlyList<AttemptOutcome> outcomes,
        SubscriptionChange change, DeliveryRules rules, CancellationToken cancellation)
    {
        await using var batch = new NpgsqlBatch(connection, transaction);
        batch.BatchCommands.Add(new NpgsqlBatchCommand("set local synchronous_commit = off"));
        batch.BatchCommands.Add(change.Command(_states, _outbox, subscriptionId, rules));
        var delivered = outcomes.Where(o => o.Delivered).ToList();
        if (delivered.Count > 0)
            batch.BatchCommands.Add(BatchCommand($"delete from {_outbox} where subscription_id = $1 and position = any($2)",
                subscriptionId, delivered.Select(o => o.Notification.Position).ToArray()));
        var retries = outcomes.Where(o => o is { Delivered: false, RetryIn: not null }).ToList();
        if (retries.Count > 0)
            batch.BatchCommands.Add(BatchCommand(
                $"""
                 update {_outbox} o set attempts = r.attempts, next_attempt_at = now() + r.retry_in
                 from unnest($2::bigint[], $3::int[], $4::interval[]) r(position, attempts, retry_in)
                 where o.subscription_id = $1 and o.position = r.position
                 """,
                subscriptionId, retries.Select(o => o.Notification.Position).ToArray(), retries.Select(o => o.Attempt).ToArray(),
                retries.Select(o => o.RetryIn!.Value).ToArray()));
        batch.BatchCommands.Add(BatchCommand(
            $"""
             insert into {_deliveries} (subscription_id, event_id, case_id, position, attempt, status, duration_ms, at)
             select $1, * from unnest($2::uuid[], $3::uuid[], $4::bigint[], $5::int[], $6::text[], $7::int[], $8::timestamptz[])
             """,
            subscriptionId, outcomes.Select(o => o.Notification.EventId).ToArray(), outcomes.Select(o => o.Notification.StreamId).ToArray(),
            outcomes.Select(o => o.Notification.Position).ToArray(), outcomes.Select(o => o.Attempt).ToArray(), outcomes.Select(o => o.Status).ToArray(),
            outcomes.Select(o => o.DurationMs).ToArray(), outcomes.Select(o => o.At).ToArray()));
        await batch.ExecuteNonQueryAsync(cancellation);
    }

    /// <summary>One page of a subscription's delivery log, newest first, and its total.</summary>
    public async Task<(IReadOnlyList<DeliveryAttempt> Items, long Total)> DeliveriesAsync(Guid subscriptionId, int skip, int take, CancellationToken cancellation)
    {
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(BatchCommand(
            $"select event_id, case_id, position, attempt, status, duration_ms, at from {_deliveries} where subscription_id = $1 " +
            "order by at desc, id desc offset $2 limit $3", subscriptionId, skip, take));
        batch.BatchCommands.Add(BatchCommand($"select count(*) from {_deliveries} where subscription_id = $1", subscriptionId));
        await using var reader = await batch.ExecuteReaderAsync(cancellation);
        var items = new List<DeliveryAttempt>();
        while (await reader.ReadAsync(cancellation))
            items.Add(new DeliveryAttempt(reader.GetGuid(0), reader.GetGuid(1), reader.GetInt64(2), reader.GetInt32(3), reader.GetString(4),
                reader.GetInt32(5), reader.GetFieldValue<DateTimeOffset>(6)));
        await reader.NextResultAsync(cancellation);
        await reader.ReadAsync(cancellation);
        return (items, reader.GetInt64(0));
    }

    /// <summary>Forgets attempts older than the retention.</summary>
    public async Task<int> PruneDeliveriesAsync(TimeSpan retention, CancellationToken cancellation) =>
        await ExecuteAsync($"delete from {_deliveries} where at < now() - $1", cancellation, retention);

    private async Task<int> ExecuteAsync(string sql, CancellationToken cancellation, params object[] values)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellation);
        await using var command = Command(sql, values);
        command.Connection = connection;
        return await command.ExecuteNonQueryAsync(cancellation);
    }

    internal static NpgsqlBatchCommand BatchCommand(string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values) command.Parameters.Add(new NpgsqlParameter { Value = value });
        return command;
    }

    internal static NpgsqlParameter Nullable<T>(T? value, NpgsqlDbType type) where T : struct =>
        new() { Value = value is { } v ? v : DBNull.Value, NpgsqlDbType = type };

    private static NpgsqlCommand Command(string sql, params object[] values)
    {
        var command = new NpgsqlCommand(sql);
        foreach (var value in values) command.Parameters.Add(new NpgsqlParameter { Value = value });
        return command;
    }
}

/// <summary>One attempt's outcome: its HTTP status (or <c>timeout</c>, <c>connection-error</c>), and when it is tried again.</summary>
/// <remarks><c>RetryAfter</c> is the receiver's own <c>Retry-After</c>, which rests the whole subscription.</remarks>
public sealed record AttemptOutcome(Notification Notification, int Attempt, bool Delivered, string Status, int DurationMs, DateTimeOffset At,
    TimeSpan? RetryIn, bool Gone = false, TimeSpan? RetryAfter = null);

/// <summary>An entry of a subscription's delivery log.</summary>
public sealed record DeliveryAttempt(Guid EventId, Guid CaseId, long Position, int Attempt, string Status, int DurationMs, DateTimeOffset At);

/// <summary>The rules a round's outcome is recorded by: when the receiver counts as down, how often it is then probed, the pump's lease.</summary>
public sealed record DeliveryRules(int FailuresBeforeReceiverDown, TimeSpan ProbeInterval, TimeSpan Lease);

/// <summary>
/// How one delivery round changes its subscription: progress, how many were delivered and failed, the longest
/// <c>Retry-After</c>, and whether it is disabled. The failures in a row, whether the receiver is down and whether it
/// is back are worked out from the subscription's row as it is when the round records, since another lane may have
/// recorded since this round began.
/// </summary>
public sealed record SubscriptionChange(long? DeliveredUpTo, DateTimeOffset? DeliveredAt, int Delivered, int Failed, TimeSpan? RetryAfter, string? DisabledReason)
{
    public static SubscriptionChange Of(IReadOnlyList<AttemptOutcome> outcomes, string? disabledReason)
    {
        var delivered = outcomes.Where(o => o.Delivered).ToList();
        var failed = outcomes.Where(o => !o.Delivered).ToList();
        return new SubscriptionChange(
            DeliveredUpTo: delivered.Count > 0 ? delivered.Max(o => o.Notification.Position) : null,
            DeliveredAt: delivered.Count > 0 ? delivered.Max(o => o.At) : null,
            Delivered: delivered.Count, Failed: failed.Count, RetryAfter: failed.Select(o => o.RetryAfter).Max(), DisabledReason: disabledReason);
    }

    /// <summary>
    /// Updates the subscription's row (its old failures in a row decide whether the receiver was down) and, when a
    /// receiver that was down answered again, makes every waiting event due at once.
    /// </summary>
    public NpgsqlBatchCommand Command(string states, string outbox, Guid subscriptionId, DeliveryRules rules)
    {
        var command = new NpgsqlBatchCommand(
            $"""
             with before as (select failures_in_a_row from {states} where subscription_id = $1 for update),
             changed as (
               update {states} s set
                 position = greatest(s.position, coalesce($2, s.position)),
                 last_delivered_at = greatest(s.last_delivered_at, $3),
                 failures_in_a_row = case when $4 > 0 then 0 else s.failures_in_a_row + $5 end,
                 resume_at = case
                   when $4 = 0 and s.failures_in_a_row + $5 >= $7 then now() + greatest($8, coalesce($6, interval '0'))
                   when $6 is not null then now() + $6
                 end,
                 status = case when $9::text is null then s.status else '{DeliveryState.Disabled}' end,
                 disabled_reason = coalesce($9, s.disabled_reason),
                 leased_until = now() + $10
               where s.subscription_id = $1
               returning s.subscription_id)
             update {outbox} set next_attempt_at = now()
             where subscription_id = (select subscription_id from changed) and next_attempt_at > now()
               and $4 > 0 and (select failures_in_a_row from before) >= $7
             """);
        command.Parameters.Add(new NpgsqlParameter { Value = subscriptionId });
        command.Parameters.Add(DeliveryState.Nullable(DeliveredUpTo, NpgsqlDbType.Bigint));
        command.Parameters.Add(DeliveryState.Nullable(DeliveredAt, NpgsqlDbType.TimestampTz));
        command.Parameters.Add(new NpgsqlParameter { Value = Delivered });
        command.Parameters.Add(new NpgsqlParameter { Value = Failed });
        command.Parameters.Add(DeliveryState.Nullable(RetryAfter, NpgsqlDbType.Interval));
        command.Parameters.Add(new NpgsqlParameter { Value = rules.FailuresBeforeReceiverDown });
        command.Parameters.Add(new NpgsqlParameter { Value = rules.ProbeInterval });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)DisabledReason ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = rules.Lease });
        return command;
    }
}
