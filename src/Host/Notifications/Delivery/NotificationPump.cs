using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using Marten;
using Microsoft.Extensions.Options;
using Wolverine;

namespace Participation.Host.Notifications.Delivery;

/// <summary>
/// Delivers one subscription's due notifications in rounds. A round locks the oldest waiting event of up to
/// <see cref="CasesPerSlot"/> × <see cref="NotificationOptions.ConcurrentCasesPerSubscription"/> cases with up to
/// <see cref="EventsPerCase"/> events of each, posts each case's events one after another (a case's next event only
/// after its previous one was answered <c>2xx</c>) with that many cases in flight at a time, and records every answer,
/// with the next attempt of each failure, in the round's transaction. After
/// <see cref="NotificationOptions.FailuresBeforeReceiverDown"/> failures in a row the receiver counts as down: one due
/// event is tried every <see cref="NotificationOptions.ReceiverDownProbeInterval"/>, and the first success makes every
/// waiting event due again.
/// </summary>
public sealed class NotificationPump(DeliveryState state, IDocumentStore store, CloudEventFormat format, WebhookSecrets secrets, IHttpClientFactory http,
    IOptions<NotificationOptions> options, TimeProvider clock, NotificationMetrics metrics, ILogger<NotificationPump> logger)
{
    public const string HttpClientName = "notifications";

    /// <summary>Cases claimed per round for each one in flight, so a case whose events run out leaves its slot to the next.</summary>
    public const int CasesPerSlot = 4;

    /// <summary>A case's events posted in one round; rounds stay short enough to hand the rest to another node soon.</summary>
    public const int EventsPerCase = 32;

    private NotificationOptions Options => options.Value;

    // Long enough for a round of attempts that all run into the timeout.
    private TimeSpan Lease => Options.Timeout * 2 + TimeSpan.FromSeconds(10);

    public async Task PumpAsync(Guid subscriptionId, IMessageBus bus, CancellationToken cancellation)
    {
        if (!await state.TryLeaseAsync(subscriptionId, Lease, cancellation)) return;
        try
        {
            int attempted;
            do attempted = await RoundAsync(subscriptionId, cancellation);
            while (attempted > 0);
        }
        finally
        {
            await state.ReleaseLeaseAsync(subscriptionId);
        }

        // Work that arrived while this pump held the lease is pumped now; work that waits for a retry, at its time.
        if (await state.NextWorkAsync(subscriptionId, cancellation) is not { } wait) return;
        if (wait <= TimeSpan.Zero) await bus.PublishAsync(new PumpNotifications(subscriptionId));
        else if (await state.TryScheduleWakeAsync(subscriptionId, wait, cancellation)) await bus.ScheduleAsync(new PumpNotifications(subscriptionId), wait);
    }

    /// <summary>One round; the number of notifications it attempted, 0 when nothing was due or the subscription stopped.</summary>
    private async Task<int> RoundAsync(Guid subscriptionId, CancellationToken cancellation)
    {
        await using var connection = await state.DataSource.OpenConnectionAsync(cancellation);
        if (await state.StateForPumpAsync(connection, subscriptionId, cancellation) is not { } current
            || current.Status != DeliveryState.Active || current.Resting) return 0;
        await using var query = store.QuerySession(current.Tenant);
        if (await query.LoadAsync<WebhookSubscription>(subscriptionId, cancellation) is not { } subscription)
        {
            await state.ForgetAsync(subscriptionId);
            return 0;
        }

        var receiverDown = current.FailuresInARow >= Options.FailuresBeforeReceiverDown;
        await using var transaction = await connection.BeginTransactionAsync(cancellation);
        var claimed = receiverDown
            ? await state.ClaimAsync(connection, transaction, subscriptionId, 1, 1, cancellation)
            : await state.ClaimAsync(connection, transaction, subscriptionId, Options.ConcurrentCasesPerSubscription * CasesPerSlot, EventsPerCase, cancellation);
        if (claimed.Count == 0)
        {
            await transaction.CommitAsync(cancellation);
            return 0;
        }

        var receiver = new Receiver(subscription.CallbackUrl, WebhookSignature.Key(secrets.Of(subscription, current.Tenant)), http.CreateClient(HttpClientName));
        var outcomes = await DeliverAsync(receiver, claimed, cancellation);
        var change = Change(current.FailuresInARow, outcomes);
        await state.RecordAsync(connection, transaction, subscriptionId, outcomes, change, Lease, cancellation);
        await transaction.CommitAsync(cancellation);

        metrics.Attempted(outcomes, clock.GetUtcNow());
        if (change.DisabledReason is { } reason)
        {
            logger.LogWarning("Webhook subscription {Subscription} of tenant {Tenant} is disabled: {Reason}", subscriptionId, current.Tenant, reason);
            return 0;
        }
        return outcomes.Count;
    }

    /// <summary>
    /// Each case's claimed events one after another, up to <see cref="NotificationOptions.ConcurrentCasesPerSubscription"/>
    /// cases at a time. A case stops at its first failure; every case stops once the receiver asked to wait
    /// (<c>Retry-After</c>, <c>410</c>) or an event used up its delays; and no attempt starts after the round has run for
    /// <see cref="NotificationOptions.Timeout"/>, so a round ends within twice that, inside the lease.
    /// </summary>
    private async Task<IReadOnlyList<AttemptOutcome>> DeliverAsync(Receiver receiver, IReadOnlyList<PendingNotification> claimed,
        CancellationToken cancellation)
    {
        var started = Stopwatch.GetTimestamp();
        var outcomes = new ConcurrentQueue<AttemptOutcome>();
        var halted = false;
        var cases = claimed.GroupBy(p => p.Notification.CaseId).Select(c => c.OrderBy(p => p.Notification.Position).ToList());
        await Parallel.ForEachAsync(cases, new ParallelOptions { MaxDegreeOfParallelism = Options.ConcurrentCasesPerSubscription, CancellationToken = cancellation },
            async (events, token) =>
            {
                foreach (var pending in events)
                {
                    if (Volatile.Read(ref halted) || Stopwatch.GetElapsedTime(started) > Options.Timeout) return;
                    var outcome = await AttemptAsync(receiver, pending, token);
                    outcomes.Enqueue(outcome);
                    if (outcome.Delivered) continue;
                    if (outcome.Gone || outcome.RetryAfter is not null || outcome.RetryIn is null) Volatile.Write(ref halted, true);
                    return;
                }
            });
        return outcomes.ToList();
    }

    /// <summary>Where and how one round posts: the callback, the signing key and the HTTP client.</summary>
    private sealed record Receiver(string CallbackUrl, byte[] SigningKey, HttpClient Client);

    private async Task<AttemptOutcome> AttemptAsync(Receiver receiver, PendingNotification pending, CancellationToken cancellation)
    {
        var notification = pending.Notification;
        var attempt = pending.Attempts + 1;
        var at = clock.GetUtcNow();
        var body = format.Structured(notification, out var contentType);
        using var request = new HttpRequestMessage(HttpMethod.Post, receiver.CallbackUrl) { Content = new ReadOnlyMemoryContent(body) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        var id = notification.EventId.ToString();
        var timestamp = at.ToUnixTimeSeconds();
        request.Headers.Add("webhook-id", id);
        request.Headers.Add("webhook-timestamp", timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", WebhookSignature.Sign(receiver.SigningKey, id, timestamp, body.Span));

        var started = Stopwatch.GetTimestamp();
        int Elapsed() => (int)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        timeout.CancelAfter(Options.Timeout);
        try
        {
            using var response = await receiver.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var status = (int)response.StatusCode;
            if (status is >= 200 and < 300) return new AttemptOutcome(notification, attempt, true, Status(status), Elapsed(), at, null);
            var retryAfter = status is 429 or 503 ? RetryAfter(response.Headers.RetryAfter, at) : null;
            return Failed(notification, attempt, Status(status), Elapsed(), at, retryAfter, gone: status == 410);
        }
        catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
        {
            return Failed(notification, attempt, "timeout", Elapsed(), at, null);
        }
        catch (HttpRequestException)
        {
            return Failed(notification, attempt, "connection-error", Elapsed(), at, null);
        }
    }

    private static string Status(int status) => status.ToString(CultureInfo.InvariantCulture);

    /// <summary>A failure is tried again after the next delay (or the receiver's <c>Retry-After</c>, if longer), unless the delays are used up.</summary>
    private AttemptOutcome Failed(Notification notification, int attempt, string status, int durationMs, DateTimeOffset at, TimeSpan? retryAfter, bool gone = false)
    {
        TimeSpan? retryIn = gone || attempt > Options.Delays.Count
            ? null
            : new[] { Options.Delays[attempt - 1], retryAfter ?? TimeSpan.Zero }.Max();
        return new AttemptOutcome(notification, attempt, false, status, durationMs, at, retryIn, gone, retryAfter);
    }

    private static TimeSpan? RetryAfter(RetryConditionHeaderValue? header, DateTimeOffset now) => header switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } when date > now => date - now,
        _ => null,
    };

    private SubscriptionChange Change(int failuresBefore, IReadOnlyList<AttemptOutcome> outcomes)
    {
        var delivered = outcomes.Where(o => o.Delivered).ToList();
        var failed = outcomes.Where(o => !o.Delivered).ToList();
        var failuresInARow = delivered.Count > 0 ? 0 : failuresBefore + failed.Count;
        var receiverDown = failuresInARow >= Options.FailuresBeforeReceiverDown;
        return new SubscriptionChange(
            DeliveredUpTo: delivered.Count > 0 ? delivered.Max(o => o.Notification.Position) : null,
            DeliveredAt: delivered.Count > 0 ? delivered.Max(o => o.At) : null,
            FailuresInARow: failuresInARow,
            ResumeIn: new[] { receiverDown ? Options.ReceiverDownProbeInterval : (TimeSpan?)null, failed.Select(o => o.RetryAfter).Max() }.Max(),
            DisabledReason: DisabledReason(failed),
            ReceiverBack: delivered.Count > 0 && failuresBefore >= Options.FailuresBeforeReceiverDown);
    }

    private string? DisabledReason(IReadOnlyList<AttemptOutcome> failed)
    {
        if (failed.FirstOrDefault(o => o.Gone) is { } gone)
            return $"The receiver answered 410 Gone to event {gone.Notification.EventId} (position {gone.Notification.Position}) at {gone.At:O}.";
        if (failed.FirstOrDefault(o => o.RetryIn is null) is { } exhausted)
            return $"Event {exhausted.Notification.EventId} (position {exhausted.Notification.Position}) was not answered 2xx in {exhausted.Attempt} attempts; " +
                   $"the last, at {exhausted.At:O}, ended with {exhausted.Status}.";
        return null;
    }
}
