using System.Net.Mime;
using System.Text.Json;
using CloudNative.CloudEvents;
using CloudNative.CloudEvents.SystemTextJson;
using Microsoft.Extensions.Options;
using Participation.Domain.Cases;
using Participation.Host.Http;

namespace Participation.Host.Notifications;

/// <summary>One case event as integrators are told of it: which case, which event, which version; never its data.</summary>
public sealed record Notification(Guid EventId, string Tenant, Guid CaseId, long Position, long Version, string Type, CaseDomain Domain, DateTimeOffset OccurredAt);

/// <summary>What a notification's <c>data</c> holds, and nothing more.</summary>
public sealed record NotificationData(Guid CaseId, long Version, string Type, string Domain);

/// <summary>
/// Notifications as CloudEvents 1.0 after the NL GOV profile, encoded by the CNCF SDK: structured mode for a
/// webhook, batch mode for the change feed.
/// </summary>
public sealed class CloudEventFormat(IOptions<NotificationOptions> options)
{
    public const string TypePrefix = "nl.participation.case.";
    public const string BatchContentType = "application/cloudevents-batch+json";

    public static readonly CloudEventAttribute DataRef = CloudEventAttribute.CreateExtension("dataref", CloudEventAttributeType.UriReference);
    public static readonly CloudEventAttribute Sequence = CloudEventAttribute.CreateExtension("sequence", CloudEventAttributeType.String);
    public static readonly CloudEventAttribute SequenceType = CloudEventAttribute.CreateExtension("sequencetype", CloudEventAttributeType.String);
    public static readonly CloudEventAttribute Position = CloudEventAttribute.CreateExtension("position", CloudEventAttributeType.String);
    public static readonly CloudEventAttribute[] Extensions = [DataRef, Sequence, SequenceType, Position];

    private static readonly JsonEventFormatter Formatter = new(new JsonSerializerOptions(JsonSerializerDefaults.Web), default);

    public CloudEvent ToCloudEvent(Notification n)
    {
        var path = $"/api/cases/{n.CaseId}";
        return new CloudEvent(Extensions)
        {
            Id = n.EventId.ToString(),
            Source = new Uri($"{options.Value.Source}:{n.Tenant}", UriKind.RelativeOrAbsolute),
            Type = TypePrefix + n.Type,
            Subject = n.CaseId.ToString(),
            Time = n.OccurredAt,
            DataContentType = MediaTypeNames.Application.Json,
            Data = new NotificationData(n.CaseId, n.Version, n.Type, ApiEnum.Name(n.Domain)),
            [DataRef] = options.Value.PublicBaseUrl is { } baseUrl ? new Uri(baseUrl, path) : new Uri(path, UriKind.Relative),
            [Sequence] = n.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
            [SequenceType] = "Integer",
            [Position] = n.Position.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
    }

    /// <summary>One webhook body, <c>application/cloudevents+json</c>.</summary>
    public ReadOnlyMemory<byte> Structured(Notification n, out string contentType)
    {
        var body = Formatter.EncodeStructuredModeMessage(ToCloudEvent(n), out var type);
        contentType = type.ToString();
        return body;
    }

    /// <summary>A change-feed page, <c>application/cloudevents-batch+json</c>.</summary>
    public ReadOnlyMemory<byte> Batch(IEnumerable<Notification> notifications) =>
        Formatter.EncodeBatchModeMessage(notifications.Select(ToCloudEvent), out _);
}
