using System.Buffers;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Mime;
using System.Text.Json;
using CloudNative.CloudEvents;
using CloudNative.CloudEvents.SystemTextJson;
using Microsoft.Extensions.Options;
using Participation.Domain.Cases;
using Participation.Host.Http;
using Participation.Projections;

namespace Participation.Host.Notifications;

/// <summary>
/// One event as integrators are told of it: which case or network (<see cref="StreamId"/>), which event, which version;
/// never its data. <see cref="Domain"/> is the case's; a network's events have none.
/// </summary>
public sealed record Notification(Guid EventId, string Tenant, Guid StreamId, long Position, long Version, string Type, CaseDomain? Domain, DateTimeOffset OccurredAt,
    Guid? ListId = null)
{
    /// <summary>The type of a case's destruction (ADR 34): its data names the case and the list, nothing else.</summary>
    public const string Destroyed = "destroyed";

    public bool IsNetworkEvent => PublishedEvents.IsNetworkEvent(Type);

    public bool IsDestruction => Type == Destroyed;
}

/// <summary>What a destruction's <c>data</c> holds: the case and the list that destroyed it.</summary>
public sealed record DestroyedNotificationData(Guid CaseId, Guid ListId);

/// <summary>What a case notification's <c>data</c> holds, and nothing more.</summary>
public sealed record NotificationData(Guid CaseId, long Version, string Type, string Domain);

/// <summary>What a network notification's <c>data</c> holds, and nothing more.</summary>
public sealed record NetworkNotificationData(Guid NetworkId, long Version, string Type);

/// <summary>
/// Notifications as CloudEvents 1.0 after the NL GOV profile: built and encoded by the CNCF SDK for the change feed
/// (batch mode); a webhook's body (structured mode) is written straight to JSON, since a backlog's drain writes one
/// per post and the SDK's attribute objects, validation and content-type parsing cost a fifth of the pump's CPU
/// (ADR 11). Tests decode both with the SDK and compare them with <see cref="ToCloudEvent"/>.
/// </summary>
public sealed class CloudEventFormat(IOptions<NotificationOptions> options, ApiAddress api)
{
    public const string TypePrefix = "nl.participation.case.";
    public const string NetworkTypePrefix = "nl.participation.network.";
    public const string BatchContentType = "application/cloudevents-batch+json";
    public const string StructuredMediaType = "application/cloudevents+json";

    public static readonly CloudEventAttribute DataRef = CloudEventAttribute.CreateExtension("dataref", CloudEventAttributeType.UriReference);
    public static readonly CloudEventAttribute Sequence = CloudEventAttribute.CreateExtension("sequence", CloudEventAttributeType.String);
    public static readonly CloudEventAttribute SequenceType = CloudEventAttribute.CreateExtension("sequencetype", CloudEventAttributeType.String);
    public static readonly CloudEventAttribute Position = CloudEventAttribute.CreateExtension("position", CloudEventAttributeType.String);
    public static readonly CloudEventAttribute[] Extensions = [DataRef, Sequence, SequenceType, Position];

    private static readonly JsonEventFormatter Formatter = new(new JsonSerializerOptions(JsonSerializerDefaults.Web), default);

    public CloudEvent ToCloudEvent(Notification n) =>
        new(Extensions)
        {
            Id = n.EventId.ToString(),
            Source = new Uri(_source + n.Tenant, UriKind.RelativeOrAbsolute),
            Type = TypeOf(n),
            Subject = n.StreamId.ToString(),
            Time = n.OccurredAt,
            DataContentType = MediaTypeNames.Application.Json,
            Data = n.IsNetworkEvent ? new NetworkNotificationData(n.StreamId, n.Version, n.Type)
                : n.IsDestruction ? new DestroyedNotificationData(n.StreamId, n.ListId!.Value)
                : new NotificationData(n.StreamId, n.Version, n.Type, ApiEnum.Name(n.Domain!.Value)),
            [DataRef] = new Uri(DataRefOf(n), UriKind.RelativeOrAbsolute),
            [Sequence] = n.Version.ToString(CultureInfo.InvariantCulture),
            [SequenceType] = "Integer",
            [Position] = n.Position.ToString(CultureInfo.InvariantCulture),
        };

    private readonly string _source = options.Value.Source + ":";

    // The case's and the network's versioned routes, absolute under Notifications:PublicBaseUrl when set.
    private readonly string _caseRefPrefix = api.Of("/cases/");
    private readonly string _networkRefPrefix = api.Of("/networks/");
    private readonly string _listRefPrefix = api.Of("/destruction-lists/");

    private static string TypeOf(Notification n) => (n.IsNetworkEvent ? NetworkTypePrefix : TypePrefix) + n.Type;

    // A destroyed case has no route left: its notification refers to the list that destroyed it.
    private string DataRefOf(Notification n) =>
        n.IsDestruction ? _listRefPrefix + n.ListId : (n.IsNetworkEvent ? _networkRefPrefix : _caseRefPrefix) + n.StreamId;

    /// <summary>A webhook body's content type: a header value of its own per request, as headers are mutable.</summary>
    public static MediaTypeHeaderValue StructuredContentType() => new(StructuredMediaType, "utf-8");

    /// <summary>One webhook body, <see cref="StructuredContentType"/>: the attributes of <see cref="ToCloudEvent"/>, data last.</summary>
    public ReadOnlyMemory<byte> Structured(Notification n)
    {
        var body = new ArrayBufferWriter<byte>(512);
        using (var json = new Utf8JsonWriter(body))
        {
            json.WriteStartObject();
            json.WriteString("specversion", "1.0");
            json.WriteString("id", n.EventId);
            json.WriteString("source", _source + n.Tenant);
            json.WriteString("type", TypeOf(n));
            json.WriteString("subject", n.StreamId);
            WriteTime(json, n.OccurredAt);
            json.WriteString("datacontenttype", MediaTypeNames.Application.Json);
            json.WriteString("dataref", DataRefOf(n));
            json.WriteString("sequence", n.Version.ToString(CultureInfo.InvariantCulture));
            json.WriteString("sequencetype", "Integer");
            json.WriteString("position", n.Position.ToString(CultureInfo.InvariantCulture));
            json.WriteStartObject("data");
            if (n.IsDestruction)
            {
                json.WriteString("caseId", n.StreamId);
                json.WriteString("listId", n.ListId!.Value);
            }
            else
            {
                json.WriteString(n.IsNetworkEvent ? "networkId" : "caseId", n.StreamId);
                json.WriteNumber("version", n.Version);
                json.WriteString("type", n.Type);
                if (!n.IsNetworkEvent) json.WriteString("domain", ApiEnum.Name(n.Domain!.Value));
            }
            json.WriteEndObject();
            json.WriteEndObject();
        }
        return body.WrittenMemory;
    }

    /// <summary>RFC 3339 as the SDK writes it: no more fractional digits than the value needs, <c>Z</c> for UTC.</summary>
    private static void WriteTime(Utf8JsonWriter json, DateTimeOffset time)
    {
        var ticks = time.Ticks;
        var fraction = ticks % TimeSpan.TicksPerSecond == 0 ? "" : ticks % TimeSpan.TicksPerMillisecond == 0 ? ".fff" : ticks % 10 == 0 ? ".ffffff" : ".fffffff";
        var format = $"yyyy-MM-dd'T'HH:mm:ss{fraction}{(time.Offset == TimeSpan.Zero ? "'Z'" : "zzz")}";
        Span<byte> text = stackalloc byte[40];
        if (!time.TryFormat(text, out var written, format, CultureInfo.InvariantCulture)) throw new FormatException($"Cannot write {time:O} as RFC 3339.");
        json.WriteString("time", text[..written]);
    }

    /// <summary>A change-feed page, <c>application/cloudevents-batch+json</c>.</summary>
    public ReadOnlyMemory<byte> Batch(IEnumerable<Notification> notifications) =>
        Formatter.EncodeBatchModeMessage(notifications.Select(ToCloudEvent), out _);
}
