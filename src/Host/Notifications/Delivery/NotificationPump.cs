using System.Collections.Concurrent;
using System.Diagnostics;
using Marten;
using Microsoft.Extensions.Options;
using Wolverine;

namespace Participation.Host.Notifications.Delivery;

/// <summary>
/// Delivers one subscription's due notifications in rounds. A round locks the oldest waiting event of up to
/// <see cref="CasesPerSlot"/> × <see cref="NotificationOptions.ConcurrentCasesPerSubscription"/> cases with up to
/// <see cref="EventsPerCase"/> events of each, posts each case's events one after another (a case's next event only
/// after its previous one was answered <c>2xx</c>), and records every answer, with the next attempt of each failure, in
/// the round's transaction. <see cref="Lanes"/> lanes run rounds side by side on different cases and share the
/// subscription's slots, so while one lane records its round the other keeps the receiver busy. After
/// <see cref="NotificationOptions.FailuresBeforeReceiverDown"/> failures in a row the receiver counts as down: one due
/// event is tried every <see cref="NotificationOptions.ReceiverDownProbeInterval"/>, and the first success makes every
/// waiting event due again.
/// </summary>
public sealed class NotificationPump(DeliveryStates states, IDocumentStore store, WebhookSender sender, WebhookSecrets secrets, IHttpClientFactory http,
    IOptions<NotificationOptions> options, TimeProvider clock, NotificationMetrics metrics, ILogger<NotificationPump> logger, WolverineOptions wolverine)
{
    public const string HttpClientName = "notifications";

    /// <summary>Cases claimed per round for each one in flight, so a case whose events run out leaves its slot to the next.</summary>
    public const int CasesPerSlot = 4;

    /// <summary>A case's events posted in one round; rounds stay short enough to hand the rest to another node soon.</summary>
    public const int EventsPerCase = 128;

    public const int Lanes = 2;

    private NotificationOptions Options => options.Value;

    // A dead node's lease has run out before Wolverine hands its pump messages to another node (that is after
    // StaleNodeTimeout at the earliest), so they find the subscription free instead of being dropped (ADR 15).
    private TimeSpan Lease => wolverine.Durability.StaleNodeTimeout / 2;

    public async Task PumpAsync(Guid subscriptionId, string? tenant, IMessageBus bus, CancellationToken cancellation)
    {
        var state = await states.ForAsync(tenant);
        if (!await state.TryLeaseAsync(subscriptionId, Lease, cancellation)) return;
        using (var pumped = CancellationTokenSource.CreateLinkedTokenSource(cancellation))
        {
            var renewing = RenewLeaseAsync(state, subscriptionId, pumped.Token);
            try
            {
                using var slots = new SemaphoreSlim(Options.ConcurrentCasesPerSubscription);
                await LeadLaneAsync(state, subscriptionId, slots, cancellation);
            }
            finally
            {
                await pumped.CancelAsync();
                await renewing;
                await state.ReleaseLeaseAsync(subscriptionId);
            }
        }

        // Work that arrived while this pump held the lease is pumped now; work that waits for a retry, at its time.
        if (await state.NextWorkAsync(subscriptionId, cancellation) is not { } wait) return;
        if (wait <= TimeSpan.Zero) await bus.PublishAsync(new PumpNotifications(subscriptionId, tenant));
        else if (await state.TryScheduleWakeAsync(subscriptionId, wait, cancellation)) await bus.ScheduleAsync(new PumpNotifications(subscriptionId, tenant), wait);
    }

    /// <summary>
    /// The first lane's rounds, until one finds nothing due; the other lanes run beside it while the receiver is up.
    /// A receiver that is down is probed by this lane alone (the others stop), so once a probe is answered the others
    /// start again: a backlog after an outage drains with every lane, not one.
    /// </summary>
    private async Task LeadLaneAsync(DeliveryState state, Guid subscriptionId, SemaphoreSlim slots, CancellationToken cancellation)
    {
        var others = Task.CompletedTask;
        var startOthers = true;
        Round round;
        do
        {
            if (startOthers && others.IsCompleted)
                others = Task.WhenAll(Enumerable.Range(1, Lanes - 1).Select(lane => LaneAsync(state, subscriptionId, lane, slots, cancellation)));
            round = await RoundAsync(state, subscriptionId, 0, slots, cancellation);
            startOthers = round is { Probe: true, Delivered: true };
        }
        while (round.Attempted > 0);
        await others;
    }

    /// <summary>Rounds until one finds nothing due that another lane does not hold, or finds the receiver down.</summary>
    private async Task LaneAsync(DeliveryState state, Guid subscriptionId, int lane, SemaphoreSlim slots, CancellationToken cancellation)
    {
        Round round;
        do round = await RoundAsync(state, subscriptionId, lane, slots, cancellation);
        while (round.Attempted > 0);
    }

    /// <summary>What a round did: how many notifications it attempted, whether it was a probe of a receiver that was down, and whether that one was answered <c>2xx</c>.</summary>
    private readonly record struct Round(int Attempted, bool Probe = false, bool Delivered = false)
    {
        public static readonly Round Nothing = new(0);
    }

    /// <summary>Renews the lease every third of it until the pump is done: the lease is short, and a round may take twice the timeout.</summary>
    private async Task RenewLeaseAsync(DeliveryState state, Guid subscriptionId, CancellationToken pumped)
    {
        using var timer = new PeriodicTimer(Lease / 3);
        try
        {
            while (await timer.WaitForNextTickAsync(pumped)) await state.RenewLeaseAsync(subscriptionId, Lease, pumped);
        }
        catch (OperationCanceledException) when (pumped.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Could not renew the delivery lease of webhook subscription {Subscription}; another node may deliver it alongside", subscriptionId);
        }
    }

    /// <summary>One round; nothing attempted when nothing was due, the subscription stopped, or (on any lane but the first) the receiver is down.</summary>
    private async Task<Round> RoundAsync(DeliveryState state, Guid subscriptionId, int lane, SemaphoreSlim slots, CancellationToken cancellation)
    {
        await using var connection = await state.DataSource.OpenConnectionAsync(cancellation);
        if (await state.StateForPumpAsync(connection, subscriptionId, cancellation) is not { } current
            || current.Status != DeliveryState.Active || current.Resting) return Round.Nothing;
        // A receiver that is down is probed with one event at a time, by one lane.
        var receiverDown = current.FailuresInARow >= Options.FailuresBeforeReceiverDown;
        if (receiverDown && lane > 0) return Round.Nothing;
        await using var query = store.QuerySession(current.Tenant);
        if (await query.LoadAsync<WebhookSubscription>(subscriptionId, cancellation) is not { } subscription)
        {
            await state.ForgetAsync(subscriptionId);
            return Round.Nothing;
        }

        await using var transaction = await connection.BeginTransactionAsync(cancellation);
        var claimed = receiverDown
            ? await state.ClaimAsync(connection, transaction, subscriptionId, 1, 1, cancellation)
            : await state.ClaimAsync(connection, transaction, subscriptionId, Options.ConcurrentCasesPerSubscription * CasesPerSlot, EventsPerCase, cancellation);
        if (claimed.Count == 0)
        {
            await transaction.CommitAsync(cancellation);
            return Round.Nothing;
        }
        // The other lane may have disabled or rested the subscription, or found the receiver down, after this lane read
        // its state: its claim then sees that lane's round committed, and so does this second look.
        if (await state.StateForPumpAsync(connection, subscriptionId, cancellation) is not { Status: DeliveryState.Active, Resting: false } now
            || (now.FailuresInARow >= Options.FailuresBeforeReceiverDown) != receiverDown)
        {
            await transaction.RollbackAsync(cancellation);
            return Round.Nothing;
        }

        using var signer = new WebhookSigner(WebhookSignature.Key(secrets.Of(subscription, current.Tenant)));
        var callback = new Callback(new Uri(subscription.CallbackUrl), signer, http.CreateClient(HttpClientName));
        var outcomes = await DeliverAsync(callback, claimed, slots, cancellation);
        var change = SubscriptionChange.Of(outcomes, DisabledReason(outcomes));
        await state.RecordAsync(connection, transaction, subscriptionId, outcomes, change,
            new DeliveryRules(Options.FailuresBeforeReceiverDown, Options.ReceiverDownProbeInterval, Lease), cancellation);
        await transaction.CommitAsync(cancellation);

        metrics.Attempted(outcomes, clock.GetUtcNow());
        logger.LogDebug("Webhook subscription {Subscription}: lane {Lane} delivered {Delivered} of {Attempted} notifications to {Cases} cases{Probe}",
            subscriptionId, lane, outcomes.Count(o => o.Delivered), outcomes.Count, claimed.Select(p => p.Notification.StreamId).Distinct().Count(),
            receiverDown ? " (a probe of a receiver that was down)" : "");
        if (change.DisabledReason is { } reason)
        {
            logger.LogWarning("Webhook subscription {Subscription} of tenant {Tenant} is disabled: {Reason}", subscriptionId, current.Tenant, reason);
            return Round.Nothing;
        }
        return new Round(outcomes.Count, receiverDown, outcomes.Any(o => o.Delivered));
    }

    /// <summary>
    /// Each case's claimed events one after another, each case in one of the shared slots. A case stops at its first
    /// failure; every case stops once the receiver asked to wait (<c>Retry-After</c>, <c>410</c>) or an event used up its
    /// delays; and no attempt starts after the round has run for <see cref="NotificationOptions.Timeout"/>, so a round
    /// ends within twice that, inside the lease.
    /// </summary>
    private async Task<IReadOnlyList<AttemptOutcome>> DeliverAsync(Callback callback, IReadOnlyList<PendingNotification> claimed, SemaphoreSlim slots,
        CancellationToken cancellation)
    {
        var started = Stopwatch.GetTimestamp();
        var outcomes = new ConcurrentQueue<AttemptOutcome>();
        var halted = false;
        var cases = claimed.GroupBy(p => p.Notification.StreamId).Select(c => c.OrderBy(p => p.Notification.Position).ToList());
        await Parallel.ForEachAsync(cases, new ParallelOptions { MaxDegreeOfParallelism = Options.ConcurrentCasesPerSubscription, CancellationToken = cancellation },
            async (events, token) =>
            {
                await slots.WaitAsync(token);
                try
                {
                    foreach (var pending in events)
                    {
                        if (Volatile.Read(ref halted) || Stopwatch.GetElapsedTime(started) > Options.Timeout) return;
                        var outcome = await sender.SendAsync(callback, pending, token);
                        outcomes.Enqueue(outcome);
                        if (outcome.Delivered) continue;
                        if (outcome.Gone || outcome.RetryAfter is not null || outcome.RetryIn is null) Volatile.Write(ref halted, true);
                        return;
                    }
                }
                finally
                {
                    slots.Release();
                }
            });
        return outcomes.ToList();
    }

    private static string? DisabledReason(IReadOnlyList<AttemptOutcome> outcomes)
    {
        if (outcomes.FirstOrDefault(o => o.Gone) is { } gone)
            return $"The receiver answered 410 Gone to event {gone.Notification.EventId} (position {gone.Notification.Position}) at {gone.At:O}.";
        if (outcomes.FirstOrDefault(o => o is { Delivered: false, RetryIn: null }) is { } exhausted)
            return $"Event {exhausted.Notification.EventId} (position {exhausted.Notification.Position}) was not answered 2xx in {exhausted.Attempt} attempts; " +
                   $"the last, at {exhausted.At:O}, ended with {exhausted.Status}.";
        return null;
    }
}
