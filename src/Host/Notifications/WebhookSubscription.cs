using Marten.Metadata;
using Participation.Domain.Cases;
using Participation.Host.Privacy;

namespace Participation.Host.Notifications;

/// <summary>
/// An integrator's registration (Marten document, one tenant's): where to send which events, and the secret
/// that signs them. Its delivery state (status, progress) lives beside it in <see cref="NotificationTables.States"/>.
/// </summary>
public sealed class WebhookSubscription : ITenanted
{
    public const string AllTypes = "*";

    public Guid Id { get; set; }

    /// <summary>Kept by Marten: the tenant it belongs to.</summary>
    public string? TenantId { get; set; }

    public string CallbackUrl { get; set; } = "";

    /// <summary>Stored event type names, or <see cref="AllTypes"/>.</summary>
    public List<string> EventTypes { get; set; } = [];

    /// <summary>The case domains it wants; empty: every domain.</summary>
    public List<CaseDomain> Domains { get; set; } = [];
    public string? Description { get; set; }

    /// <summary>The signing secret (<c>whsec_</c> + base64 of 32 random bytes), wrapped under the master key (<see cref="WebhookSecrets"/>).</summary>
    public WrappedSecret? WrappedSecret { get; set; }

    /// <summary>The secret as stored before secrets were wrapped; <c>privacy rewrap</c> wraps it.</summary>
    public string? Secret { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The highest event sequence when it was created: it receives the events after it.</summary>
    public long StartPosition { get; set; }

    /// <summary>Whether it takes an event of this type; a network's event (no domain) only when it names no domains.</summary>
    public bool Wants(string type, CaseDomain? domain) =>
        (EventTypes.Contains(AllTypes) || EventTypes.Contains(type)) && (Domains.Count == 0 || domain is { } d && Domains.Contains(d));
}
