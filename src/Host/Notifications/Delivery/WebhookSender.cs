using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using Microsoft.Extensions.Options;

namespace Participation.Host.Notifications.Delivery;

/// <summary>Where and how a round posts: the callback, the subscription's signer and the HTTP client.</summary>
public sealed record Callback(Uri Url, WebhookSigner Signer, HttpClient Client);

/// <summary>
/// One delivery attempt: the notification as a signed CloudEvent POSTed to the callback, and what its answer means:
/// delivered on <c>2xx</c>; otherwise tried again after the next retry delay (or the receiver's <c>Retry-After</c>, if
/// longer), unless the delays are used up or the receiver answered <c>410 Gone</c>.
/// </summary>
public sealed class WebhookSender(CloudEventFormat format, IOptions<NotificationOptions> options, TimeProvider clock)
{
    private NotificationOptions Options => options.Value;

    public async Task<AttemptOutcome> SendAsync(Callback callback, PendingNotification pending, CancellationToken cancellation)
    {
        var notification = pending.Notification;
        var attempt = pending.Attempts + 1;
        var at = clock.GetUtcNow();
        var body = format.Structured(notification);
        using var request = new HttpRequestMessage(HttpMethod.Post, callback.Url) { Content = new ReadOnlyMemoryContent(body) };
        request.Content.Headers.ContentType = CloudEventFormat.StructuredContentType();
        var id = notification.EventId.ToString();
        var timestamp = at.ToUnixTimeSeconds();
        // Our own values (a uuid, a number, base64): nothing for the header parser to check.
        request.Headers.TryAddWithoutValidation("webhook-id", id);
        request.Headers.TryAddWithoutValidation("webhook-timestamp", timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.TryAddWithoutValidation("webhook-signature", callback.Signer.Sign(id, timestamp, body.Span));

        var started = Stopwatch.GetTimestamp();
        int Elapsed() => (int)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        timeout.CancelAfter(Options.Timeout);
        try
        {
            using var response = await callback.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
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
}
