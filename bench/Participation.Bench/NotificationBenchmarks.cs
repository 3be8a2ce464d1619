using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Marten.Events;
using Microsoft.Extensions.DependencyInjection;
using Participation.Domain.Cases;
using Participation.Host.Notifications;
using Participation.Host.Notifications.Delivery;

namespace Participation.Bench;

/// <summary>
/// The webhook figures: how long an event takes from its commit to a receiver on loopback at a steady rate, and how
/// fast the events that waited while the receiver was down reach it once it is back, against a plain HttpClient.
/// </summary>
public static class NotificationBenchmarks
{
    /// <summary>The receiver is on loopback over http, which Production refuses unless told otherwise.</summary>
    public static readonly IReadOnlyDictionary<string, string> HostSettings = new Dictionary<string, string>
    {
        ["Notifications:AllowInsecureCallbacks"] = "true",
    };

    private const int Cases = 200;
    // The rate while the receiver is down: 100/s in the reported run; higher for a shorter trial with the same backlog.
    private static readonly int DownRate = (int)Env("BENCH_DOWN_RATE", 100);
    // The pump's default Notifications:ConcurrentCasesPerSubscription: the baseline keeps as many requests in flight.
    private static readonly int InFlight = new NotificationOptions().ConcurrentCasesPerSubscription;
    private static readonly TimeSpan ProbeInterval = new NotificationOptions().ReceiverDownProbeInterval;
    private static readonly int[] Rates = [20, 100];
    private const int BaselineRuns = 3;
    // The statements of the delivery path: its own tables and Wolverine's durable messages (the commands' statements are left out).
    private const string DeliveryTables = "notification_|wolverine_";

    public static async Task<IReadOnlyList<string>> Run(BenchHost bench, string connectionString)
    {
        var duration = TimeSpan.FromSeconds(Env("BENCH_SECONDS", 60));
        var downFor = TimeSpan.FromMinutes(Env("BENCH_DOWN_MINUTES", 10));
        await using var receiver = await WebhookReceiver.StartAsync();
        if (Env("BENCH_SENDER_ONLY", 0) > 0) return await SenderOnly(bench, receiver, (long)Env("BENCH_SENDER_ONLY", 0));
        var statements = new Statements(connectionString);

        var warmUp = await WarmUp(bench, receiver);
        var latencies = new List<LatencyRun>();
        foreach (var rate in Rates)
        {
            Tools.Log($"notifications: {rate} events/s for {duration.TotalSeconds:N0} s");
            latencies.Add(await Latency(bench, connectionString, receiver, rate, duration));
        }
        Tools.Log($"notifications: receiver down for {downFor.TotalMinutes:0.#} min at {DownRate} events/s");
        var catchUp = await CatchUp(bench, connectionString, receiver, statements, downFor);
        Tools.Log($"notifications: baseline, {catchUp.Waiting:N0} plain posts");
        var baseline = await Baseline(receiver, catchUp.Sample, catchUp.Waiting);
        Tools.Log($"notifications: the pump's sender alone, {catchUp.Waiting:N0} posts");
        var senderAlone = await SenderAlone(bench, receiver, catchUp.Waiting);

        var lines = new List<string>();
        lines.AddRange(Targets(latencies, catchUp, baseline));
        lines.AddRange([warmUp, ""]);
        lines.AddRange(LatencyTable(latencies, duration));
        lines.AddRange(CatchUpTable(catchUp, baseline, senderAlone, downFor));
        lines.AddRange(StatementsTable($"while the receiver was down ({downFor.TotalMinutes:0.#} min, {DownRate} events/s appended)", catchUp.WhileDown));
        lines.AddRange(StatementsTable("during the catch-up", catchUp.WhileCatchingUp));
        return lines;
    }

    /// <summary>Waits until a first event reaches a receiver (in Production, Wolverine first elects a leader and starts the daemon's subscription).</summary>
    private static async Task<string> WarmUp(BenchHost bench, WebhookReceiver receiver)
    {
        var tenant = NewTenant("notifywarmup");
        var hook = receiver.NewHook("warmup");
        await Subscribe(bench, tenant, hook);
        using var caseworker = bench.Client(tenant, "caseworker");
        var watch = Stopwatch.StartNew();
        await ProgressBenchmarks.Prepare(caseworker, 1);
        await WaitForDeliveries(hook, 2, TimeSpan.FromMinutes(3));
        return $"Right after start-up the first events took {watch.Elapsed.TotalSeconds:N1} s to reach the receiver " +
               "(Wolverine elects a leader and starts the async daemon's subscription first).";
    }

    /// <summary>One rate's figures: commands, what reached the receiver, and commit-to-arrival latency.</summary>
    public sealed record LatencyRun(int Rate, double Achieved, double CommandP99, long Appended, int Delivered, int Duplicates, int OutOfOrder,
        double P50, double P99, double Max);

    private static async Task<LatencyRun> Latency(BenchHost bench, string connectionString, WebhookReceiver receiver, int rate, TimeSpan duration)
    {
        var tenant = NewTenant($"notify{rate}");
        using var caseworker = bench.Client(tenant, "caseworker");
        var (cases, fromSequence) = await PrepareCases(bench, connectionString, caseworker);
        var hook = receiver.NewHook($"latency{rate}");
        await Subscribe(bench, tenant, hook);

        var (achieved, commandLatencies) = await ProgressBenchmarks.Drive(caseworker, cases, rate, duration, ProgressBenchmarks.ContactMoment);
        var appended = await Appended(connectionString, tenant, fromSequence);
        await WaitForDeliveries(hook, appended, TimeSpan.FromMinutes(2));

        var accepted = Accepted(hook);
        var latencies = FirstArrivals(accepted).Select(a => (a.At - a.Committed).TotalMilliseconds).Order().ToList();
        return new LatencyRun(rate, achieved, ProgressBenchmarks.Pct(commandLatencies, 0.99), appended, hook.Delivered, accepted.Count - hook.Delivered,
            OutOfOrder(accepted), ProgressBenchmarks.Pct(latencies, 0.5), ProgressBenchmarks.Pct(latencies, 0.99), latencies[^1]);
    }

    /// <summary>
    /// What happened around an outage: the events appended while the receiver answered 503, the attempts it saw
    /// meanwhile, and when each waiting event arrived once it answered 200 again.
    /// </summary>
    public sealed record CatchUpRun(long Waiting, IReadOnlyList<Arrival> Refused, DateTimeOffset Back, DateTimeOffset FirstDelivery, DateTimeOffset LastDelivery,
        int Delivered, int Duplicates, int OutOfOrder, SampleRequest Sample, IReadOnlyList<Statements.Row> WhileDown, IReadOnlyList<Statements.Row> WhileCatchingUp)
    {
        public double Rate => Waiting / (LastDelivery - Back).TotalSeconds;
        public double DrainRate => Waiting / (LastDelivery - FirstDelivery).TotalSeconds;
    }

    private static async Task<CatchUpRun> CatchUp(BenchHost bench, string connectionString, WebhookReceiver receiver, Statements statements, TimeSpan downFor)
    {
        var tenant = NewTenant("notifydown");
        using var caseworker = bench.Client(tenant, "caseworker");
        var (cases, fromSequence) = await PrepareCases(bench, connectionString, caseworker);
        var hook = receiver.NewHook("catchup");
        hook.Answer = 503;
        await Subscribe(bench, tenant, hook);

        await statements.Reset();
        await ProgressBenchmarks.Drive(caseworker, cases, DownRate, downFor, ProgressBenchmarks.ContactMoment);
        var whileDown = await statements.Top(10, DeliveryTables);
        var waiting = await Appended(connectionString, tenant, fromSequence);
        await statements.Reset();
        var back = DateTimeOffset.UtcNow;
        hook.Answer = 200;
        Tools.Log($"notifications: receiver back, {waiting:N0} events waiting, {hook.Received} attempts while down");

        // Once down, the receiver is probed at the oldest event's retry times (5 s, 30 s, 2 min, 10 min, 1 h, …): the first may come much later.
        await WaitForDeliveries(hook, waiting, downFor + TimeSpan.FromMinutes(75));
        var whileCatchingUp = await statements.Top(10, DeliveryTables);
        var accepted = Accepted(hook);
        var refused = hook.Arrivals.Where(a => a.Answer == 503).ToList();
        return new CatchUpRun(waiting, refused, back, accepted.Min(a => a.At), accepted.Max(a => a.At), hook.Delivered, accepted.Count - hook.Delivered,
            OutOfOrder(accepted), hook.Sample!, whileDown, whileCatchingUp);
    }

    /// <summary>
    /// A plain HttpClient posting one of the pump's own requests (body and headers) <paramref name="count"/> times, 16 in flight, as fast as it can;
    /// the median of <see cref="BaselineRuns"/> runs.
    /// </summary>
    private static async Task<(int Count, TimeSpan Elapsed)> Baseline(WebhookReceiver receiver, SampleRequest sample, long count)
    {
        using var client = new HttpClient();
        await PostAll(client, receiver.NewHook("baseline-warmup"), sample, 2_000); // JIT, connections
        var runs = new List<TimeSpan>();
        for (var run = 0; run < BaselineRuns; run++)
        {
            var hook = receiver.NewHook("baseline");
            var watch = Stopwatch.StartNew();
            await PostAll(client, hook, sample, (int)count);
            runs.Add(watch.Elapsed);
            if (hook.Received != count) throw new InvalidOperationException($"the baseline's receiver got {hook.Received} of {count} requests");
        }
        return ((int)count, runs.Order().ElementAt(runs.Count / 2));
    }

    /// <summary>A trial of the sender alone against the baseline, without the catch-up: <c>BENCH_SENDER_ONLY=</c> the posts of each.</summary>
    private static async Task<IReadOnlyList<string>> SenderOnly(BenchHost bench, WebhookReceiver receiver, long posts)
    {
        // Warm enough for the tiered JIT to have settled on both paths, then the sender's median of three after the baseline's.
        var warm = await SenderAlone(bench, receiver, 20_000);
        var baseline = await Baseline(receiver, warm.Sample, posts);
        Tools.Log($"notifications: the pump's sender alone, {posts:N0} posts");
        var runs = new List<TimeSpan>();
        for (var run = 0; run < BaselineRuns; run++) runs.Add((await SenderAlone(bench, receiver, posts)).Elapsed);
        var sender = runs.Order().ElementAt(runs.Count / 2);
        var line = $"sender alone {posts / sender.TotalSeconds:N0} posts/s, plain HttpClient {posts / baseline.Elapsed.TotalSeconds:N0} posts/s: " +
                   $"{baseline.Elapsed / sender:0.00}×";
        Tools.Log(line);
        return [line];
    }

    /// <summary>
    /// The pump's own <see cref="WebhookSender"/> (CloudEvent, signature, the Host's HTTP client) posting as many distinct
    /// notifications, <see cref="InFlight"/> at a time, with no database: what the drain costs beyond the baseline
    /// without claiming and recording. One run, after the baseline's warm-up of the receiver.
    /// </summary>
    private static async Task<(int Count, TimeSpan Elapsed, SampleRequest Sample)> SenderAlone(BenchHost bench, WebhookReceiver receiver, long count)
    {
        var services = bench.Host.Services;
        var sender = services.GetRequiredService<WebhookSender>();
        using var signer = new WebhookSigner(RandomNumberGenerator.GetBytes(32));
        var hook = receiver.NewHook("sender");
        var callback = new Callback(hook.Url, signer, services.GetRequiredService<IHttpClientFactory>().CreateClient(NotificationPump.HttpClientName));
        var notifications = Enumerable.Range(0, (int)count)
            .Select(i => new PendingNotification(new Notification(Guid.NewGuid(), "sender", Guid.NewGuid(), i + 1, 2, "contact_moment_recorded",
                CaseDomain.Sport, DateTimeOffset.UtcNow), 0))
            .ToList();
        var watch = Stopwatch.StartNew();
        await InFlightEach(notifications.Count, async i =>
        {
            if (!(await sender.SendAsync(callback, notifications[i], CancellationToken.None)).Delivered)
                throw new InvalidOperationException("the receiver refused a post of the sender alone");
        });
        return ((int)count, watch.Elapsed, hook.Sample!);
    }

    private static Task PostAll(HttpClient client, Hook hook, SampleRequest sample, int count) =>
        InFlightEach(count, async _ =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, hook.Url) { Content = new ByteArrayContent(sample.Body) };
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(sample.ContentType);
            foreach (var (name, value) in sample.WebhookHeaders) request.Headers.TryAddWithoutValidation(name, value);
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            response.EnsureSuccessStatusCode();
        });

    /// <summary>Runs <paramref name="post"/> for 0 … <paramref name="count"/> − 1, each index once, <see cref="InFlight"/> at a time.</summary>
    private static Task InFlightEach(int count, Func<int, Task> post)
    {
        var next = -1;
        return Task.WhenAll(Enumerable.Range(0, InFlight).Select(async _ =>
        {
            for (var i = Interlocked.Increment(ref next); i < count; i = Interlocked.Increment(ref next)) await post(i);
        }));
    }

    private static IReadOnlyList<string> Targets(IReadOnlyList<LatencyRun> latencies, CatchUpRun catchUp, (int Count, TimeSpan Elapsed) baseline)
    {
        var p99 = latencies.Single(r => r.Rate == 100).P99;
        var lost = latencies.Sum(r => r.Appended - r.Delivered) + (catchUp.Waiting - catchUp.Delivered);
        var baselineRate = baseline.Count / baseline.Elapsed.TotalSeconds;
        // The catch-up rate is the drain's: how fast a backlog goes out once delivery runs again. Noticing the
        // receiver is back is a wait of its own, bounded by the probe interval, and shown as one.
        var ratio = catchUp.DrainRate / baselineRate;
        var noticed = (catchUp.FirstDelivery - catchUp.Back).TotalSeconds;
        static string Met(bool met) => met ? "**met**" : "**missed**";
        return
        [
            "### Targets",
            "",
            "| goal | measured | baseline (same run) | ratio / value | target | |",
            "|---|---|---|---:|---|---|",
            $"| commit-to-receiver p99 at 100 events/s | p50 {latencies.Single(r => r.Rate == 100).P50:N0} ms | — | {p99:N0} ms | ≤ 1,000 ms | {Met(p99 <= 1000)} |",
            $"| catch-up rate after the receiver was down (first to last delivery) | {catchUp.DrainRate:N0} events/s | HttpClient {baselineRate:N0} posts/s | {ratio:0.00}× | ≥ 0.50× | {Met(ratio >= 0.5)} |",
            $"| the receiver's return noticed (its first delivery) | {noticed:N1} s | — | — | ≤ probe interval ({ProbeInterval.TotalSeconds:N0} s) | {Met(noticed <= ProbeInterval.TotalSeconds + 1)} |",
            $"| nothing lost | {latencies.Sum(r => r.Delivered) + catchUp.Delivered:N0} of {latencies.Sum(r => r.Appended) + catchUp.Waiting:N0} events delivered | — | {lost} lost | 0 | {Met(lost == 0)} |",
            "",
        ];
    }

    private static IReadOnlyList<string> LatencyTable(IReadOnlyList<LatencyRun> runs, TimeSpan duration)
    {
        var rows = new List<string>
        {
            $"### Commit to receiver at a steady rate ({duration.TotalSeconds:N0} s per rate)",
            "",
            "| events/s asked | achieved | command p99 ms | appended | delivered | duplicates | out of order | latency p50 ms | p99 ms | max ms |",
            "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        };
        rows.AddRange(runs.Select(r => $"| {r.Rate} | {r.Achieved:N0} | {r.CommandP99:N1} | {r.Appended:N0} | {r.Delivered:N0} | {r.Duplicates} | {r.OutOfOrder} | " +
                                       $"{r.P50:N0} | {r.P99:N0} | {r.Max:N0} |"));
        rows.Add("");
        rows.Add($"Each command records a contact moment (one event) on one of {Cases} open cases of a fresh tenant, at a fixed rate with at most 32 in " +
                 "flight, through the API in process; the tenant has one subscription to `*` whose callback is a Kestrel receiver on loopback in the " +
                 "benchmark process that answers 200 at once. Latency is the request's arrival at the receiver minus the CloudEvent's `time` " +
                 "(the event's timestamp in the store), both read from this machine's clock, for the first 2xx of each event. " +
                 "Out of order counts a case's event arriving after a later version of the same case.");
        rows.Add("");
        return rows;
    }

    private static IReadOnlyList<string> CatchUpTable(CatchUpRun run, (int Count, TimeSpan Elapsed) baseline, (int Count, TimeSpan Elapsed, SampleRequest) senderAlone,
        TimeSpan downFor)
    {
        var baselineRate = baseline.Count / baseline.Elapsed.TotalSeconds;
        var senderRate = senderAlone.Count / senderAlone.Elapsed.TotalSeconds;
        var firstRefused = run.Refused.Count > 0 ? run.Refused.Min(a => a.At) : run.Back;
        var attempts = string.Join(", ", run.Refused.GroupBy(a => (int)(a.At - firstRefused).TotalSeconds)
            .Select(g => g.Count() > 1 ? $"{Seconds(g.Key)} (×{g.Count()})" : Seconds(g.Key)));
        return
        [
            $"### Catch-up after the receiver answered 503 for {downFor.TotalMinutes:0.#} min",
            "",
            "| what | value |",
            "|---|---:|",
            $"| events appended while the receiver was down ({DownRate}/s) | {run.Waiting:N0} |",
            $"| attempts the receiver saw while down | {run.Refused.Count} |",
            $"| from the receiver's return to the first delivery (the next probe) | {(run.FirstDelivery - run.Back).TotalSeconds:N1} s |",
            $"| from the receiver's return to the last waiting event delivered | {(run.LastDelivery - run.Back).TotalSeconds:N1} s |",
            $"| events delivered / duplicates / out of order | {run.Delivered:N0} / {run.Duplicates} / {run.OutOfOrder} |",
            "",
            $"Attempts while down, after the first: {attempts}.",
            "",
            "| what | events | s | events/s | × baseline |",
            "|---|---:|---:|---:|---:|",
            $"| plain `HttpClient`, {InFlight} in flight, the pump's own body and headers (baseline, median of {BaselineRuns}) | {baseline.Count:N0} | {baseline.Elapsed.TotalSeconds:N1} | {baselineRate:N0} | 1.00 |",
            $"| the pump's sender alone (CloudEvent, signature, the Host's HTTP client; no database), {InFlight} in flight | {senderAlone.Count:N0} | {senderAlone.Elapsed.TotalSeconds:N1} | {senderRate:N0} | {senderRate / baselineRate:0.00} |",
            $"| catch-up: the receiver's return to the last delivery | {run.Waiting:N0} | {(run.LastDelivery - run.Back).TotalSeconds:N1} | {run.Rate:N0} | {run.Rate / baselineRate:0.00} |",
            $"| drain: the first delivery after the return to the last | {run.Waiting:N0} | {(run.LastDelivery - run.FirstDelivery).TotalSeconds:N1} | {run.DrainRate:N0} | {run.DrainRate / baselineRate:0.00} |",
            "",
            $"The receiver answered 503 (no `Retry-After`) from the subscription's creation on while contact moments were recorded at {DownRate}/s on " +
            $"{Cases} cases; when the commands were done it answered 200 again. The pump runs with its defaults (up to {InFlight} cases in flight, retries " +
            $"after 5 s, 30 s, 2 min, 10 min, …; after 3 failures in a row the receiver counts as down and is probed with one due event every " +
            $"{ProbeInterval.TotalSeconds:N0} s), so after the return nothing moves until the next probe; the drain row leaves that wait out. The baseline " +
            $"posts one of the pump's requests, byte for byte, as many times as events waited, {InFlight} at a time on one `HttpClient`, to the same " +
            "receiver right after the catch-up; it signs and stores nothing. The sender-alone row posts as many distinct notifications through the pump's " +
            "own sender (CloudEvent, signature, the Host's HTTP client), as many in flight, without claiming or recording anything: the drain's distance " +
            "from it is the rounds' work in the database. Each delivery round of the pump is one transaction: claim the oldest due " +
            $"event of up to {NotificationPump.CasesPerSlot * InFlight} cases with up to {NotificationPump.EventsPerCase} events of each, post each case's " +
            $"events in order ({InFlight} cases at a time), record the answers; {NotificationPump.Lanes} lanes of rounds share the {InFlight} slots, so " +
            "one lane's requests keep the receiver busy while the other records.",
            "",
        ];
    }

    private static string Seconds(int seconds) => seconds < 120 ? $"+{seconds} s" : $"+{seconds / 60} min {seconds % 60} s";

    private static IReadOnlyList<string> StatementsTable(string when, IReadOnlyList<Statements.Row> rows)
    {
        if (rows.Count == 0) return [];
        var lines = new List<string>
        {
            $"Top statements of the delivery path (on the notification and Wolverine tables) by total execution time in PostgreSQL {when} (`pg_stat_statements`):",
            "",
            "| calls | total ms | mean ms | rows | statement |",
            "|---:|---:|---:|---:|---|",
        };
        lines.AddRange(rows.Select(s => $"| {s.Calls:N0} | {s.TotalMs:N0} | {s.MeanMs:0.000} | {s.Rows:N0} | " +
                                        $"`{(s.Query.Length > 160 ? s.Query[..160] + "…" : s.Query).Replace("|", "\\|").Replace("`", "'")}` |"));
        lines.Add("");
        return lines;
    }

    private static string NewTenant(string name) => $"{name}-{Guid.NewGuid().ToString("N")[..8]}";

    private static async Task<(List<(Guid Case, Guid Parent)> Cases, long FromSequence)> PrepareCases(BenchHost bench, string connectionString, HttpClient caseworker)
    {
        var cases = await ProgressBenchmarks.Prepare(caseworker, Cases);
        await bench.Host.WaitForNonStaleProjectionDataAsync(TimeSpan.FromMinutes(1));
        // The subscription is made after the cases were opened: only the driven commands' events are sent.
        return (cases, await Tools.Scalar<long>(connectionString, $"select coalesce(max(seq_id), 0) from {BenchHost.Schema}.mt_events"));
    }

    private static async Task Subscribe(BenchHost bench, string tenant, Hook hook)
    {
        using var admin = bench.Client(tenant, "admin");
        var created = await ProgressBenchmarks.Json(await admin.PostAsJsonAsync("/api/subscriptions", new { callbackUrl = hook.Url.ToString(), eventTypes = new[] { "*" } }));
        if (!created.TryGetProperty("secret", out _)) throw new InvalidOperationException("the subscription was not created");
    }

    private static async Task<long> Appended(string connectionString, string tenant, long after) =>
        await Tools.Scalar<long>(connectionString, $"select count(*) from {BenchHost.Schema}.mt_events where tenant_id = '{tenant}' and seq_id > {after}");

    private static async Task WaitForDeliveries(Hook hook, long count, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        var logged = TimeSpan.Zero;
        while (hook.Delivered < count)
        {
            if (watch.Elapsed > timeout) throw new TimeoutException($"{hook.Delivered} of {count} events delivered after {timeout.TotalMinutes:N0} min");
            if (watch.Elapsed - logged > TimeSpan.FromSeconds(30))
            {
                logged = watch.Elapsed;
                Tools.Log($"notifications: {hook.Delivered:N0} of {count:N0} delivered, {hook.Received:N0} requests");
            }
            await Task.Delay(20);
        }
    }

    private static List<Arrival> Accepted(Hook hook) => hook.Arrivals.Where(a => a.Answer is >= 200 and < 300).ToList();

    private static IEnumerable<Arrival> FirstArrivals(IEnumerable<Arrival> accepted) => accepted.GroupBy(a => a.EventId).Select(g => g.First());

    /// <summary>Arrivals (in order) of a case's event after a later or the same version of that case had already been answered.</summary>
    private static int OutOfOrder(IEnumerable<Arrival> accepted) =>
        accepted.GroupBy(a => a.CaseId).Sum(c => c.Zip(c.Skip(1)).Count(p => p.Second.Version <= p.First.Version));

    private static double Env(string name, double fallback) =>
        double.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : fallback;
}
