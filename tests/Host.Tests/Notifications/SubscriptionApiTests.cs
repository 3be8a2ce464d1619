using System.Net;
using Marten.Events;
using System.Text.Json.Nodes;
using CloudNative.CloudEvents.SystemTextJson;
using Participation.Host.Notifications;
using Participation.Host.Security;
using Participation.Host.Tests.Support;

namespace Participation.Host.Tests.Notifications;

/// <summary>The subscription routes and the change feed: roles, tenancy, bad input, paging.</summary>
[Collection(NotificationCollection.Name)]
public sealed class SubscriptionApiTests(NotificationFixture notifications)
{
    private async Task<Guid> Subscribe(Caller admin) =>
        (Guid)(await admin.Post("/api/subscriptions", new { callbackUrl = notifications.Receiver.NewCallback(out _), eventTypes = new[] { "*" } }))
            .ShouldBe(201).Json["id"]!;

    [Fact]
    public async Task Subscriptions_are_listed_without_their_secret_and_belong_to_their_tenant_alone()
    {
        var (admin, _) = notifications.NewTenant();
        var (stranger, _) = notifications.NewTenant();
        var id = await Subscribe(admin);

        var items = (await admin.Get("/api/subscriptions")).ShouldBe(200).Json["items"]!.AsArray();
        var listed = Assert.Single(items)!;
        Assert.Equal(id, (Guid)listed["id"]!);
        Assert.Null(listed["secret"]);
        Assert.Equal(["callbackUrl", "createdAt", "description", "disabledReason", "domains", "eventTypes", "id", "lastDeliveredAt", "pending", "position", "status"],
            listed.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal));

        Assert.Empty((await stranger.Get("/api/subscriptions")).ShouldBe(200).Json["items"]!.AsArray());
        (await stranger.Get($"/api/subscriptions/{id}")).ShouldBeProblem(404);
        (await stranger.Get($"/api/subscriptions/{id}/deliveries")).ShouldBeProblem(404);
        (await stranger.Post($"/api/subscriptions/{id}/enable", new { })).ShouldBeProblem(404);
        (await stranger.Post($"/api/subscriptions/{id}/replay", new { fromPosition = 1 })).ShouldBeProblem(404);
        (await stranger.Send(HttpMethod.Delete, $"/api/subscriptions/{id}", null)).ShouldBeProblem(404);
        (await admin.Get($"/api/subscriptions/{id}")).ShouldBe(200);
    }

    [Theory]
    [InlineData(Roles.Caseworker)]
    [InlineData(Roles.Manager)]
    [InlineData(Roles.Auditor)]
    public async Task Only_admins_manage_subscriptions(string role)
    {
        var (admin, _) = notifications.NewTenant();
        var id = await Subscribe(admin);
        var other = admin.WithRoles(role);

        (await other.Get("/api/subscriptions")).ShouldBeProblem(403);
        (await other.Get($"/api/subscriptions/{id}")).ShouldBeProblem(403);
        (await other.Post("/api/subscriptions", new { callbackUrl = "http://127.0.0.1/x", eventTypes = new[] { "*" } })).ShouldBeProblem(403);
        (await other.Send(HttpMethod.Delete, $"/api/subscriptions/{id}", null)).ShouldBeProblem(403);
        (await other.Get("/api/events")).ShouldBe(200);
    }

    public static TheoryData<string, string> BadSubscriptions => new()
    {
        { """{"callbackUrl": "not a url", "eventTypes": ["*"]}""", "callbackUrl" },
        { """{"callbackUrl": "ftp://example.nl/hook", "eventTypes": ["*"]}""", "callbackUrl" },
        { """{"callbackUrl": "http://user:secret@127.0.0.1/hook", "eventTypes": ["*"]}""", "callbackUrl" },
        { """{"callbackUrl": "http://127.0.0.1/hook", "eventTypes": []}""", "eventTypes" },
        { """{"callbackUrl": "http://127.0.0.1/hook", "eventTypes": ["case_renamed"]}""", "eventTypes" },
        { """{"callbackUrl": "http://127.0.0.1/hook", "eventTypes": ["*"], "description": "bell\u0007"}""", "description" },
    };

    [Theory]
    [MemberData(nameof(BadSubscriptions))]
    public async Task Bad_input_is_a_validation_problem_and_creates_nothing(string body, string field)
    {
        var (admin, _) = notifications.NewTenant();

        (await admin.PostRaw("/api/subscriptions", body)).ShouldBeBadRequest(validation: true, field);
        Assert.Empty((await admin.Get("/api/subscriptions")).Json["items"]!.AsArray());
    }

    [Theory]
    [InlineData("""{"callbackUrl": "http://127.0.0.1/hook", "eventTypes": ["*"], "domains": ["voetbal"]}""")]
    [InlineData("""{"eventTypes": ["*"]}""")]
    [InlineData("""{"callbackUrl": 42, "eventTypes": ["*"]}""")]
    public async Task A_body_that_does_not_read_is_a_malformed_request(string body)
    {
        var (admin, _) = notifications.NewTenant();

        (await admin.PostRaw("/api/subscriptions", body)).ShouldBeBadRequest();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(long.MaxValue)]
    public async Task Replaying_from_outside_the_event_store_is_a_validation_problem(long fromPosition)
    {
        var (admin, caseworker) = notifications.NewTenant();
        await caseworker.OpenCase();
        var id = await Subscribe(admin);

        (await admin.Post($"/api/subscriptions/{id}/replay", new { fromPosition })).ShouldBeBadRequest(validation: true, "fromPosition");
    }

    [Fact]
    public async Task The_change_feed_pages_through_the_tenants_events_in_global_order()
    {
        var (_, caseworker) = notifications.NewTenant();
        var (_, stranger) = notifications.NewTenant();
        var caseId = await caseworker.OpenCase();
        var parent = await caseworker.AddParticipant(caseId);
        await stranger.OpenCase();
        await caseworker.RecordContact(caseId, parent);
        await notifications.Host.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));

        var first = await caseworker.Get("/api/events?limit=2");
        first.ShouldBe(200);
        Assert.Equal(CloudEventFormat.BatchContentType, first.ContentType);
        var page = first.Json.AsArray();
        Assert.Equal([1L, 2], page.Select(e => long.Parse((string)e!["sequence"]!)));
        var next = (await caseworker.Get($"/api/events?after={(string)page[^1]!["position"]!}&limit=2")).ShouldBe(200).Json.AsArray();
        Assert.Equal(["nl.participation.case.contact_moment_recorded"], next.Select(e => (string)e!["type"]!));
        Assert.True(long.Parse((string)next[0]!["position"]!) > long.Parse((string)page[^1]!["position"]!));
        Assert.Empty((await caseworker.Get($"/api/events?after={(string)next[0]!["position"]!}")).ShouldBe(200).Json.AsArray());

        // The CNCF SDK reads the page as CloudEvents.
        var events = new JsonEventFormatter().DecodeBatchModeMessage(System.Text.Encoding.UTF8.GetBytes(first.Body), null, CloudEventFormat.Extensions);
        Assert.All(events, e => Assert.Equal(caseId.ToString(), e.Subject));
    }

    [Theory]
    [InlineData("after=-1")]
    [InlineData("limit=0")]
    [InlineData("limit=1001")]
    [InlineData("after=abc")]
    public async Task A_bad_feed_query_is_a_problem(string query)
    {
        var (_, caseworker) = notifications.NewTenant();

        (await caseworker.Get($"/api/events?{query}")).ShouldBeProblem(400);
    }

    [Theory]
    [InlineData("127.0.0.1", false)]
    [InlineData("10.1.2.3", false)]
    [InlineData("172.20.0.1", false)]
    [InlineData("192.168.1.1", false)]
    [InlineData("169.254.169.254", false)]
    [InlineData("100.64.0.1", false)]
    [InlineData("0.0.0.0", false)]
    [InlineData("224.0.0.1", false)]
    [InlineData("::1", false)]
    [InlineData("fe80::1", false)]
    [InlineData("fd00::1", false)]
    [InlineData("::ffff:10.0.0.1", false)]
    [InlineData("93.184.216.34", true)]
    [InlineData("2a00:1450:400e:80e::200e", true)]
    public void Only_public_addresses_may_receive_webhooks(string address, bool allowed)
    {
        Assert.Equal(allowed, CallbackAddresses.IsPublic(IPAddress.Parse(address)));
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("127.0.0.1")]
    public async Task At_connect_time_a_name_that_resolves_to_a_private_address_is_refused(string host)
    {
        var rules = new CallbackAddresses(Microsoft.Extensions.Options.Options.Create(new NotificationOptions()));
        using var handler = new SocketsHttpHandler { ConnectCallback = rules.ConnectAsync };
        using var client = new HttpClient(handler);

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync($"http://{host}:{notifications.Receiver.BaseAddress.Port}/"));
        Assert.Contains("may not be sent to", error.Message);
        Assert.Empty(notifications.Receiver.At("/"));
    }
}
