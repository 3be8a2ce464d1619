using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Participation.Host.Notifications;
using Participation.Host.Notifications.Delivery;
using Participation.Host.Security;
using Participation.Host.Tests.Support;
using StandardWebhooks;

namespace Participation.Host.Tests.Notifications;

/// <summary>Webhooks as integrators receive them, against a real receiver on loopback.</summary>
[Collection(NotificationCollection.Name)]
public sealed class DeliveryTests(NotificationFixture notifications)
{
    private Receiver Receiver => notifications.Receiver;

    private static async Task<(Guid Id, string Secret)> Subscribe(Caller admin, string callbackUrl, object? eventTypes = null, object? domains = null)
    {
        var created = (await admin.Post("/api/subscriptions", new { callbackUrl, eventTypes = eventTypes ?? new[] { "*" }, domains, description = "Test" }))
            .ShouldBe(201);
        Assert.Equal($"/api/subscriptions/{(Guid)created.Json["id"]!}", created.Location);
        return ((Guid)created.Json["id"]!, (string)created.Json["secret"]!);
    }

    [Fact]
    public async Task Every_event_is_posted_as_a_thin_signed_cloud_event_in_version_order()
    {
        var (admin, caseworker) = notifications.NewTenant();
        var callback = Receiver.NewCallback(out var path);
        var (subscriptionId, secret) = await Subscribe(admin, callback);
        Assert.Matches("^whsec_[A-Za-z0-9+/]{43}=$", secret);

        var caseId = await caseworker.OpenCase();
        var parent = await caseworker.AddParticipant(caseId, displayName: "Fatima Yilmaz-Unieknaam");
        await caseworker.RecordContact(caseId, parent);
        var received = await Receiver.WaitFor(path, r => r.Count >= 3);

        Assert.Equal(3, received.Count);
        Assert.Equal([1L, 2, 3], received.Select(r => r.Version));
        Assert.Equal(["case_opened", "participant_joined", "contact_moment_recorded"], received.Select(r => r.Type));
        var feed = (await caseworker.Get("/api/events?after=0&limit=1000")).ShouldBe(200).Json.AsArray();
        foreach (var (r, version) in received.Select((r, i) => (r, i + 1)))
        {
            Assert.StartsWith("application/cloudevents+json", r.Headers["content-type"]);
            var e = r.Event.AsObject();
            Assert.Equal(["data", "datacontenttype", "dataref", "id", "position", "sequence", "sequencetype", "source", "specversion", "subject", "time", "type"],
                e.Select(p => p.Key).Order(StringComparer.Ordinal));
            Assert.Equal("1.0", (string?)e["specversion"]);
            Assert.Equal($"urn:nld:participation:{caseworker.Tenant}", (string?)e["source"]);
            Assert.Equal("nl.participation.case." + r.Type, (string?)e["type"]);
            Assert.Equal(caseId.ToString(), (string?)e["subject"]);
            Assert.Equal("application/json", (string?)e["datacontenttype"]);
            Assert.Equal($"/api/v1/cases/{caseId}", (string?)e["dataref"]);
            Assert.Equal(version.ToString(), (string?)e["sequence"]);
            Assert.Equal("Integer", (string?)e["sequencetype"]);
            Assert.Equal(["caseId", "domain", "type", "version"], e["data"]!.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal));
            Assert.Equal("sport", (string?)e["data"]!["domain"]);
            var inFeed = feed.Single(f => (string?)f!["id"] == (string?)e["id"])!;
            Assert.Equal((string?)inFeed["position"], (string?)e["position"]);
            Assert.Equal(r.Headers["webhook-id"], (string?)e["id"]);
            Assert.InRange(long.Parse(r.Headers["webhook-timestamp"]), DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeSeconds(), DateTimeOffset.UtcNow.ToUnixTimeSeconds());
            Assert.DoesNotContain("Fatima", r.Body);
            Assert.True(r.Body.Length < 2048, $"{r.Body.Length} bytes");

            // An independent implementation of Standard Webhooks verifies the signature.
            var headers = new HeaderDictionary
            {
                ["webhook-id"] = r.Headers["webhook-id"], ["webhook-timestamp"] = r.Headers["webhook-timestamp"], ["webhook-signature"] = r.Headers["webhook-signature"],
            };
            new StandardWebhook(secret).Verify(r.Body, headers);
        }

        var subscription = (await admin.Get($"/api/subscriptions/{subscriptionId}")).ShouldBe(200).Json;
        Assert.Equal("active", (string?)subscription["status"]);
        Assert.Equal(long.Parse((string)received[^1].Event["position"]!), (long)subscription["position"]!);
        Assert.Equal(0, (long)subscription["pending"]!);
        Assert.NotNull(subscription["lastDeliveredAt"]);
        Assert.Null(subscription["secret"]);
    }

    [Fact]
    public async Task A_tampered_body_or_another_secret_fails_verification()
    {
        var (admin, caseworker) = notifications.NewTenant();
        var callback = Receiver.NewCallback(out var path);
        var (_, secret) = await Subscribe(admin, callback);
        await caseworker.OpenCase();
        var r = (await Receiver.WaitFor(path, x => x.Count >= 1))[0];
        var headers = new HeaderDictionary
        {
            ["webhook-id"] = r.Headers["webhook-id"], ["webhook-timestamp"] = r.Headers["webhook-timestamp"], ["webhook-signature"] = r.Headers["webhook-signature"],
        };

        Assert.ThrowsAny<Exception>(() => new StandardWebhook(secret).Verify(r.Body.Replace("case_opened", "case_closed"), headers));
        Assert.ThrowsAny<Exception>(() => new StandardWebhook(StandardWebhooksTestSecret()).Verify(r.Body, headers));
    }

    private static string StandardWebhooksTestSecret() => "whsec_" + Convert.ToBase64String(new byte[32]);

    [Fact]
    public async Task Only_the_types_and_domains_a_subscription_names_are_sent()
    {
        var (admin, caseworker) = notifications.NewTenant();
        var callback = Receiver.NewCallback(out var path);
        await Subscribe(admin, callback, eventTypes: new[] { "case_opened", "case_assigned" }, domains: new[] { "jeugdzorg" });

        var sport = await caseworker.OpenCase(Scenarios.NewCase(domain: "sport"));
        await caseworker.AddParticipant(sport);
        var youth = await caseworker.OpenCase(Scenarios.NewCase(domain: "jeugdzorg"));
        await caseworker.AddParticipant(youth);
        (await caseworker.Post($"/api/cases/{youth}/assign", new { owner = "piet" })).ShouldBe(200);
        var received = await Receiver.WaitFor(path, r => r.Count >= 2);
        await Task.Delay(500);

        Assert.Equal([(youth, "case_opened"), (youth, "case_assigned")], Receiver.Accepted(path).Select(r => (r.CaseId, r.Type)));
    }

    [Fact]
    public async Task Events_of_one_case_arrive_in_version_order_under_parallel_writers_while_cases_interleave()
    {
        var (admin, caseworker) = notifications.NewTenant();
        var callback = Receiver.NewCallback(out var path);
        await Subscribe(admin, callback);
        // Some answers are slow, so that a case's next event would overtake its previous one if order were not kept.
        Receiver.Answer(path, async r =>
        {
            if (r.Version % 3 == 0) await Task.Delay(150);
            return (200, null);
        });

        var cases = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => caseworker.OpenCase()));
        await Task.WhenAll(cases.Select(async caseId =>
        {
            var parent = await caseworker.AddParticipant(caseId);
            await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => caseworker.RecordContact(caseId, parent)));
        }));
        var received = await Receiver.WaitFor(path, r => r.Count >= cases.Length * 7);

        foreach (var caseId in cases)
            Assert.Equal(Enumerable.Range(1, 7).Select(v => (long)v), received.Where(r => r.CaseId == caseId).Select(r => r.Version));
        var first = received.Take(cases.Length).Select(r => r.CaseId).Distinct().Count();
        Assert.True(first > 1, "cases interleave");
    }

    [Fact]
    public async Task A_failure_holds_back_the_rest_of_its_case_until_it_is_answered()
    {
        var (admin, caseworker) = notifications.NewTenant();
        var callback = Receiver.NewCallback(out var path);
        await Subscribe(admin, callback);
        var refusals = 0;
        Receiver.Answer(path, r => Task.FromResult(r.Version == 2 && Interlocked.Increment(ref refusals) <= 2 ? (500, (string?)null) : (200, null)));

        var caseId = await caseworker.OpenCase();
        for (var i = 0; i < 4; i++) await caseworker.AddParticipant(caseId, displayName: $"Ouder {i}");
        await Receiver.WaitFor(path, r => r.Count >= 5);

        Assert.Equal([1L, 2, 2, 2, 3, 4, 5], Receiver.At(path).Select(r => r.Version));
    }

    [Fact]
    public async Task A_failing_answer_is_retried_after_the_delays_and_every_attempt_is_in_the_log()
    {
        var (admin, caseworker) = notifications.NewTenant();
        var callback = Receiver.NewCallback(out var path);
        var (subscriptionId, _) = await Subscribe(admin, callback);
        Receiver.AnswerInTurn(path, 500, 503);

        var caseId = await caseworker.OpenCase();
        await Receiver.WaitFor(path, r => r.Count >= 1);

        var attempts = Receiver.At(path);
        Assert.Equal(3, attempts.Count);
        Assert.All(attempts, a => Assert.Equal(attempts[0].Headers["webhook-id"], a.Headers["webhook-id"]));
        Assert.True(attempts[1].At - attempts[0].At >= NotificationFixture.RetryDelays[0] - TimeSpan.FromMilliseconds(50));
        Assert.True(attempts[2].At - attempts[1].At >= NotificationFixture.RetryDelays[1] - TimeSpan.FromMilliseconds(50));
        var log = await Eventually(async () => (await admin.Get($"/api/subscriptions/{subscriptionId}/deliveries")).ShouldBe(200).Json, l => (long)l["total"]! == 3);
        Assert.Equal([("200", 3), ("503", 2), ("500", 1)], log["items"]!.AsArray().Select(i => ((string)i!["status"]!, (int)i["attempt"]!)));
        Assert.All(log["items"]!.AsArray(), i => Assert.Equal(caseId, (Guid)i!["caseId"]!));
    }

    [Fact]
    public async Task Retry_after_on_429_is_honoured_for_the_whole_subscription()
    {
        var (admin, caseworker) = notifications.NewTenant();
        var callback = Receiver.NewCallback(out var path);
        await Subscribe(admin, callback);
        var turn = 0;
        Receiver.Answer(path, _ => Task.FromResult(Interlocked.Increment(ref turn) == 1 ? (429, (string?)"2") : (200, null)));

        var first = await caseworker.OpenCase();
        await Receiver.WaitFor(path, _ => Receiver.At(path).Count >= 1);
        var refused = Receiver.At(path)[0];
        var second = await caseworker.OpenCase();
        var received = await Receiver.WaitFor(path, r => r.Count >= 2);

        var retried = received.Single(r => r.CaseId == first);
        Assert.True(retried.At - refused.At >= TimeSpan.FromSeconds(1.9), $"retried after {retried.At - refused.At}");
        // The receiver asked the subscription to wait: another case's event waits as well.
        var other = received.Single(r => r.CaseId == second);
        Assert.True(other.At - refused.At >= TimeSpan.FromSeconds(1.9), $"another case's event was sent {other.At - refused.At} after the 429");
    }

    [Fact]
    public async Task Gone_disables_the_subscription_its_events_wait_and_enable_resumes_from_there()
    {
        var (admin, caseworker) = notifications.NewTenant();
        var callback = Receiver.NewCallback(out var path);
        var (subscriptionId, _) = await Subscribe(admin, callback);
        Receiver.Answer(path, 410);

        var caseId = await caseworker.OpenCase();
        var disabled = await Eventually(async () => (await admin.Get($"/api/subscriptions/{subscriptionId}")).ShouldBe(200).Json,
            s => (string?)s["status"] == "disabled");
        Assert.Contains("410", (string?)disabled["disabledReason"]);
        await caseworker.AddParticipant(caseId);
        await Eventually(async () => (await admin.Get($"/api/subscriptions/{subscriptionId}")).Json, s => (long)s["pending"]! == 2);
        Assert.Single(Receiver.At(path));

        Receiver.Answer(path, 200);
        var enabled = (await admin.Post($"/api/subscriptions/{subscriptionId}/enable", new { })).ShouldBe(200).Json;
        Assert.Equal("active", (string?)enabled["status"]);
        Assert.Null(enabled["disabledReason"]);
        var received = await Receiver.WaitFor(path, r => r.Count >= 2);
        Assert.Equal([1L, 2], received.Select(r => r.Version));
    }

    [Fact]
    public async Task When_the_delays_are_used_up_the_subscription_is_disabled_with_the_reason()
    {
        var (admin, caseworker) = notifications.NewTenant();
        var callback = Receiver.NewCallback(out var path);
        var (subscriptionId, _) = await Subscribe(admin, callback);
        Receiver.Answer(path, 500);

        await caseworker.OpenCase();
        var disabled = await Eventually(async () => (await admin.Get($"/api/subscriptions/{subscriptionId}")).Json, s => (string?)s["status"] == "disabled");

        Assert.Equal(NotificationFixture.RetryDelays.Length + 1, Receiver.At(path).Count);
        Assert.Contains("500", (string?)disabled["disabledReason"]);
        Assert.Equal(1, (long)disabled["pending"]!);
    }

    [Fact]
    public async Task A_receiver_that_was_down_gets_everything_at_once_when_it_answers_again()
    {
        var (_, path, cases) = await WaitingWhileTheReceiverIsDown(8);
        var whileDown = Receiver.At(path).Count;
        Assert.True(whileDown < 8 + NotificationFixture.RetryDelays.Length, $"{whileDown} attempts while down: once down, only one event is tried");

        Receiver.Answer(path, 200);
        var received = await Receiver.WaitFor(path, r => r.Count >= 8, TimeSpan.FromSeconds(10));
        Assert.Equal(cases.Order(), received.Select(r => r.CaseId).Order());
    }

    [Fact]
    public async Task A_backlog_after_the_receiver_was_down_drains_with_every_lane_once_a_probe_is_answered()
    {
        // More cases than one round claims, so the first lane cannot take them all at once.
        var waiting = new NotificationOptions().ConcurrentCasesPerSubscription * NotificationPump.CasesPerSlot + 6;
        var (subscriptionId, path, cases) = await WaitingWhileTheReceiverIsDown(waiting);

        var before = notifications.LogLines.Count();
        // Answers that take a moment keep the first lane's round busy while the second claims what it left.
        Receiver.Answer(path, async _ => { await Task.Delay(25); return (200, null); });
        // The next probe comes at the subscription's next delay; on a loaded machine that can take longer than the drain itself.
        var received = await Receiver.WaitFor(path, r => r.Count >= waiting, TimeSpan.FromSeconds(45));
        Assert.Equal(cases.Order(), received.Select(r => r.CaseId).Order());
        // A round logs after its commit, which may come after the receiver has seen the round's last request.
        var deadline = DateTimeOffset.UtcNow.AddSeconds(20);
        List<string> rounds;
        bool Probed() => rounds.Any(l => l.Contains("lane 0 delivered 1 of 1 notifications to 1 cases (a probe of a receiver that was down)"));
        bool SecondLaneDelivered() => rounds.Any(l => l.Contains(": lane 1 delivered") && !l.Contains("delivered 0 "));
        while (true)
        {
            rounds = notifications.LogLines.Skip(before).Where(l => l.Contains($"Webhook subscription {subscriptionId}: lane")).ToList();
            if ((Probed() && SecondLaneDelivered()) || DateTimeOffset.UtcNow > deadline) break;
            await Task.Delay(100);
        }
        Assert.True(Probed(), string.Join(Environment.NewLine, rounds));
        Assert.True(SecondLaneDelivered(), string.Join(Environment.NewLine, rounds));
    }

    [Fact]
    public async Task A_hanging_receiver_does_not_hold_up_another_subscription()
    {
        var (admin, caseworker) = notifications.NewTenant();
        var hanging = Receiver.NewCallback(out var hangingPath);
        var healthy = Receiver.NewCallback(out var healthyPath);
        await Subscribe(admin, hanging);
        await Subscribe(admin, healthy);
        Receiver.Hang(hangingPath);

        for (var i = 0; i < 5; i++) await caseworker.OpenCase();
        var delivered = await Receiver.WaitFor(healthyPath, r => r.Count >= 5);
        var held = await Eventually(() => Task.FromResult(Receiver.Held(hangingPath)), h => h.Count > 0);

        // Ordering, not elapsed time: a pump that waited on the hanging receiver would deliver nothing to the healthy
        // one before it gave up on the first request held.
        var firstGivenUp = held.Min(h => h.To);
        Assert.True(delivered.Any(d => d.At < firstGivenUp), "the healthy subscription received nothing until the pump gave up on the hanging receiver");
        Assert.Empty(Receiver.Accepted(hangingPath));
    }

    [Fact]
    public async Task Replay_sends_every_matching_event_from_a_position_again_in_order()
    {
        var (admin, caseworker) = notifications.NewTenant();
        var callback = Receiver.NewCallback(out var path);
        var (subscriptionId, _) = await Subscribe(admin, callback);
        var caseId = await caseworker.OpenCase();
        var parent = await caseworker.AddParticipant(caseId);
        await caseworker.RecordContact(caseId, parent);
        var first = await Receiver.WaitFor(path, r => r.Count >= 3);
        var from = long.Parse((string)first[1].Event["position"]!);

        (await admin.Post($"/api/subscriptions/{subscriptionId}/replay", new { fromPosition = from })).ShouldBe(202);
        var all = await Receiver.WaitFor(path, r => r.Count >= 5);

        Assert.Equal([1L, 2, 3, 2, 3], all.Select(r => r.Version));
        Assert.Equal(first[1].Headers["webhook-id"], all[3].Headers["webhook-id"]);
    }

    [Fact]
    public async Task A_deleted_subscription_is_sent_nothing_more()
    {
        var (admin, caseworker) = notifications.NewTenant();
        var callback = Receiver.NewCallback(out var path);
        var (subscriptionId, _) = await Subscribe(admin, callback);
        var caseId = await caseworker.OpenCase();
        await Receiver.WaitFor(path, r => r.Count >= 1);

        (await admin.Send(HttpMethod.Delete, $"/api/subscriptions/{subscriptionId}", null)).ShouldBe(204);
        await caseworker.AddParticipant(caseId);
        await Task.Delay(1000);

        Assert.Single(Receiver.At(path));
        (await admin.Get($"/api/subscriptions/{subscriptionId}")).ShouldBeProblem(404);
    }

    [Fact]
    public async Task A_new_subscription_receives_only_what_is_appended_after_it()
    {
        var (admin, caseworker) = notifications.NewTenant();
        var before = await caseworker.OpenCase();
        var callback = Receiver.NewCallback(out var path);
        await Subscribe(admin, callback);

        var after = await caseworker.OpenCase();
        await caseworker.AddParticipant(before);
        var received = await Receiver.WaitFor(path, r => r.Count >= 2);

        // Different cases may arrive in either order; only each case's own order is kept.
        Assert.Equal([(after, 1L), (before, 2L)], received.Select(r => (r.CaseId, r.Version)).OrderBy(r => r.Version));
    }

    [Fact]
    public async Task Every_subscription_and_its_waiting_events_show_in_readiness()
    {
        var (admin, caseworker) = notifications.NewTenant();
        var callback = Receiver.NewCallback(out var path);
        var (subscriptionId, _) = await Subscribe(admin, callback);
        Receiver.Answer(path, 410);
        await caseworker.OpenCase();
        await Eventually(async () => (await admin.Get($"/api/subscriptions/{subscriptionId}")).Json, s => (string?)s["status"] == "disabled");

        var report = (await caseworker.Get("/health/ready", ("Authorization", ""))).ShouldBe(200).Json;
        var check = report["checks"]!.AsArray().Single(c => (string?)c!["name"] == "notifications")!;
        Assert.Equal("disabled", (string?)check["data"]![$"{subscriptionId}.status"]);
        Assert.Equal(1, (long)check["data"]![$"{subscriptionId}.pending"]!);
        Assert.Contains("410", (string?)check["data"]![$"{subscriptionId}.disabledReason"]);

        var gauges = Gauges(subscriptionId);
        Assert.Equal(1, gauges["participation.notifications.pending"]);
        Assert.Equal(1, gauges["participation.notifications.disabled"]);
        Assert.True(gauges["participation.notifications.oldest_pending.seconds"] >= 0);
    }

    /// <summary>This host's notification gauges for one subscription, as sampled by the last readiness check.</summary>
    private Dictionary<string, double> Gauges(Guid subscriptionId)
    {
        var scope = notifications.Host.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>();
        var values = new Dictionary<string, double>();
        using var listener = new System.Diagnostics.Metrics.MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == Participation.Host.Notifications.NotificationMetrics.MeterName && ReferenceEquals(instrument.Meter.Scope, scope))
                l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) =>
        {
            foreach (var tag in tags)
                if (tag.Key == "subscription" && (string?)tag.Value == subscriptionId.ToString()) values[instrument.Name] = value;
        });
        listener.Start();
        listener.RecordObservableInstruments();
        return values;
    }

    /// <summary>A subscription whose receiver answers 503, with the first event of <paramref name="count"/> new cases waiting for it.</summary>
    private async Task<(Guid SubscriptionId, string Path, List<Guid> Cases)> WaitingWhileTheReceiverIsDown(int count)
    {
        var (admin, caseworker) = notifications.NewTenant();
        var callback = Receiver.NewCallback(out var path);
        var (subscriptionId, _) = await Subscribe(admin, callback);
        Receiver.Answer(path, 503);

        var cases = new List<Guid>();
        for (var i = 0; i < count; i++) cases.Add(await caseworker.OpenCase());
        await Eventually(async () => (await admin.Get($"/api/subscriptions/{subscriptionId}")).Json, s => (long)s["pending"]! == count);
        return (subscriptionId, path, cases);
    }

    private static async Task<T> Eventually<T>(Func<Task<T>> read, Func<T, bool> condition)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(20);
        while (true)
        {
            var value = await read();
            if (condition(value)) return value;
            if (DateTimeOffset.UtcNow > deadline) throw new TimeoutException($"Never came true: {(value is JsonNode json ? json.ToJsonString() : value)}");
            await Task.Delay(100);
        }
    }
}
