using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using Marten;
using Microsoft.Extensions.Options;
using Wolverine;

namespace Participation.Host.Notifications.Delivery;

/// <summary>
/// Delivers one subscription's due notifications in rounds: each round locks, per case, the oldest waiting event
/// (up to <see cref="NotificationOptions.ConcurrentCasesPerSubscription"/> cases), posts them to the receiver at the
/// same time, and records every answer with the next attempt of each failure in the same transaction. A case's
/// next event is only claimed once its previous one was answered <c>2xx</c>. After
/// <see cref="NotificationOptions.FailuresBeforeReceiverDown"/> failures in a row the receiver counts as down: only
/// the oldest event is tried, at its retry times, and the first success makes every waiting event due again.
/// </summary>
public sealed class NotificationPump(DeliveryState state, IDocumentStore store, CloudEventFormat format, WebhookSecrets secrets, IHttpClientFactory http,
    IOptions<NotificationOptions> options, TimeProvider clock, NotificationMetrics metrics, ILogger<NotificationPump> logger)
{
    public const string HttpClientName = "notifications";

    private NotificationOptions Options => options.Value;

    // Long enough for a round of attempts that all run into the timeout.
    private TimeSpan Lease => Options.Timeout * 2 + TimeSpan.FromSeconds(10);

    public async Task PumpAsync(Guid subscriptionId, IMessageBus bus, CancellationToken cancellation)
    {
        if (!await state.TryLeaseAsync(subscriptionId, Lease, cancellation)) return;
        try
        {
            while (await RoundAsync(subscriptionId, cancellation) > 0)
                await state.RenewLeaseAsync(subscriptionId, Lease, cancellation);
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
        var claimed = await state.ClaimAsync(connection, transaction, subscriptionId, receiverDown ? 1 : Options.ConcurrentCasesPerSubscription, cancellation);
        if (claimed.Count == 0)
        {
            await transaction.CommitAsync(cancellation);
            return 0;
        }

        var secret = secrets.Of(subscription, current.Tenant);
        var outcomes = await Task.WhenAll(claimed.Select(pending => AttemptAsync(subscription, secret, pending, cancellation)));
        var change = Change(current.FailuresInARow, outcomes);
        await state.RecordAsync(connection, transaction, subscriptionId, outcomes, change, cancellation);
        await transaction.CommitAsync(cancellation);

        metrics.Attempted(outcomes, clock.GetUtcNow());
        if (change.DisabledReason is { } reason)
        {
            logger.LogWarning("Webhook subscription {Subscription} of tenant {Tenant} is disabled: {Reason}", subscriptionId, current.Tenant, reason);
            return 0;
        }
        return claimed.Count;
    }

    private async Task<AttemptOutcome> AttemptAsync(WebhookSubscription subscription, string secret, PendingNotification pending, CancellationToken cancellation)
    {
        var notification = pending.Notification;
        var attempt = pending.Attempts + 1;
        var at = clock.GetUtcNow();
        var body = format.Structured(notification, out var contentType);
        using var request = new HttpRequestMessage(HttpMethod.Post, subscription.CallbackUrl) { Content = new ReadOnlyMemoryContent(body) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        var id = notification.EventId.ToString();
        var timestamp = at.ToUnixTimeSeconds();
        request.Headers.Add("webhook-id", id);
        request.Headers.Add("webhook-timestamp", timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", WebhookSignature.Sign(secret, id, timestamp, body.Span));

        var started = Stopwatch.GetTimestamp();
        int Elapsed() => (int)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        timeout.CancelAfter(Options.Timeout);
        try
        {
            using var response = await http.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
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
        return new AttemptOutcome(notification, attempt, false, status, durationMs, at, retryIn, gone);
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
            ResumeIn: receiverDown ? failed.Select(o => o.RetryIn).Min() : null,
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
