using System.Text.Json;
using System.Text.Json.Nodes;
using CloudNative.CloudEvents.SystemTextJson;
using Microsoft.Extensions.Options;
using Participation.Domain.Cases;
using Participation.Host.Http;
using Participation.Host.Notifications;

namespace Participation.Host.Tests.Notifications;

/// <summary>A webhook's body is written without the CNCF SDK; it must be exactly the CloudEvent the SDK would write.</summary>
public sealed class CloudEventFormatTests
{
    public static TheoryData<string?> BaseUrls => [null, "https://participatie.example.nl/", "https://example.nl/participatie"];

    [Theory]
    [MemberData(nameof(BaseUrls))]
    public void A_webhook_body_is_the_json_the_sdk_writes_for_the_same_cloud_event(string? publicBaseUrl)
    {
        var format = Format(publicBaseUrl);
        var sdk = new JsonEventFormatter(new JsonSerializerOptions(JsonSerializerDefaults.Web), default);
        var notifications = new[]
        {
            new Notification(Guid.NewGuid(), "gemeente-utrecht", Guid.NewGuid(), 1, 1, "case_opened", CaseDomain.Ouderparticipatie,
                new DateTimeOffset(2026, 3, 1, 9, 30, 0, TimeSpan.Zero)),
            new Notification(Guid.NewGuid(), "t2", Guid.NewGuid(), 9_876_543_210, 200, "contact_moment_recorded", CaseDomain.Jeugdzorg,
                new DateTimeOffset(2026, 12, 1, 19, 44, 14, 123, TimeSpan.Zero).AddTicks(4567)),
            new Notification(Guid.NewGuid(), "t3", Guid.NewGuid(), 42, 7, "participant_erased", CaseDomain.Sport,
                new DateTimeOffset(2026, 6, 30, 23, 59, 59, 999, TimeSpan.FromHours(2))),
        };

        foreach (var n in notifications)
        {
            var ours = JsonNode.Parse(format.Structured(n).Span);
            var theirs = JsonNode.Parse(sdk.EncodeStructuredModeMessage(format.ToCloudEvent(n), out var contentType).Span);
            Assert.True(JsonNode.DeepEquals(theirs, ours), $"ours:   {ours!.ToJsonString()}\ntheirs: {theirs!.ToJsonString()}");
            Assert.Equal(contentType.ToString(), CloudEventFormat.StructuredContentType().ToString());
            // And the SDK reads it back as valid, with the profile's extensions.
            var decoded = sdk.DecodeStructuredModeMessage(format.Structured(n), contentType, CloudEventFormat.Extensions);
            Assert.True(decoded.IsValid);
            Assert.Equal(n.EventId.ToString(), decoded.Id);
            Assert.Equal(n.Position.ToString(), decoded[CloudEventFormat.Position]);
            Assert.Equal(publicBaseUrl switch
            {
                null => $"/api/v1/cases/{n.StreamId}",
                var root => $"{root.TrimEnd('/')}/api/v1/cases/{n.StreamId}",
            }, (string?)ours!["dataref"]);
        }
    }

    [Theory]
    [InlineData("https://gemeente.nl/participatie/")]
    [InlineData("https://gemeente.nl/participatie")]
    public void A_public_base_url_with_a_path_keeps_its_path_in_dataref(string publicBaseUrl)
    {
        var format = Format(publicBaseUrl);
        var caseId = Guid.NewGuid();
        var n = new Notification(Guid.NewGuid(), "t", caseId, 1, 1, "case_opened", CaseDomain.Sport, DateTimeOffset.UtcNow);
        Assert.Equal($"https://gemeente.nl/participatie/api/v1/cases/{caseId}", (string?)JsonNode.Parse(format.Structured(n).Span)!["dataref"]);
    }

    private static CloudEventFormat Format(string? publicBaseUrl) => new(Options.Create(new NotificationOptions()),
        new ApiAddress(Options.Create(new PublicAddressOptions { PublicBaseUrl = publicBaseUrl is null ? null : new Uri(publicBaseUrl) })));
}
