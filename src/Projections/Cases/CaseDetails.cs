using Participation.Domain.Cases;
using Participation.Domain.Networks;

namespace Participation.Projections.Cases;

/// <summary>The full current state of a case, as <c>GET /api/cases/{id}</c> answers it.</summary>
public sealed class CaseDetails
{
    public Guid Id { get; set; }
    public CaseDomain Domain { get; set; }
    public Neighbourhood Neighbourhood { get; set; } = null!;
    public string Title { get; set; } = "";
    public string? Description { get; set; }
    public string? Goal { get; set; }
    public CasePhase Phase { get; set; }
    public CaseStatus Status { get; set; }
    public string? Owner { get; set; }
    public CaseOutcome? Outcome { get; set; }
    public string? OutcomeSummary { get; set; }
    public string OpenedBy { get; set; } = "";
    public DateTimeOffset OpenedAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public DateTimeOffset LastActivityAt { get; set; }
    public long Version { get; set; }
    public List<ParticipantDetails> Participants { get; set; } = [];
    public List<ContactDetailsView> Contacts { get; set; } = [];
    public List<StrengthDetails> Strengths { get; set; } = [];
    public List<ConnectionDetails> Connections { get; set; } = [];
    public List<AgreementDetails> Agreements { get; set; } = [];
    public List<MeasurementDetails> Measurements { get; set; } = [];

    /// <summary>The case's deadlines as they stand when read (computed then, never stored: they move with the clock and the norms).</summary>
    public List<FollowUp.FollowUpItem>? FollowUp { get; set; }

    /// <summary>The running suspension, if any (computed when read, like <see cref="FollowUp"/>).</summary>
    public FollowUp.SuspendedView? Suspended { get; set; }

    /// <summary>
    /// The details as read: every connection naming its network (those stored before connections named one included), and
    /// every measurement of an erased participant marked <c>erased</c>.
    /// </summary>
    public CaseDetails AsRead(string tenant)
    {
        Connections = Connections.ConvertAll(c => c.WithNetworkId(tenant));
        var erased = Participants.Where(p => p.ErasedAt is not null).Select(p => p.ParticipantId).ToHashSet();
        Measurements = Measurements.ConvertAll(m => m with { Erased = erased.Contains(m.ParticipantId) });
        return this;
    }
}

public sealed record ParticipantDetails(
    Guid ParticipantId, ParticipantRole Role, string DisplayName, ContactDetails? Contact, bool Active,
    DateTimeOffset JoinedAt, DateTimeOffset? LeftAt, string? LeftReason, DateTimeOffset? ErasedAt = null);

public sealed record ContactDetailsView(
    Guid ContactId, DateTimeOffset OccurredAt, ContactKind Kind, IReadOnlyList<Guid> ParticipantIds, string Summary,
    string RecordedBy, DateTimeOffset RecordedAt);

public sealed record StrengthDetails(
    Guid StrengthId, Guid? ParticipantId, StrengthCategory Category, string Description,
    string RecordedBy, DateTimeOffset RecordedAt);

public sealed record ConnectionDetails(
    Guid ConnectionId, Network Network, IReadOnlyList<Guid> ParticipantIds, string Purpose,
    string ConnectedBy, DateTimeOffset ConnectedAt, Guid NetworkId = default)
{
    /// <summary>The connection as its event tells it; one stored before connections named their network names none yet (<see cref="WithNetworkId"/>).</summary>
    public static ConnectionDetails Of(NetworkConnected e) =>
        new(e.ConnectionId, e.Network, e.ParticipantIds, e.Purpose, e.ConnectedBy, e.ConnectedAt, e.NetworkId ?? Guid.Empty);

    /// <summary>A connection stored before connections named their network belongs to the one its name and kind stand for in the tenant.</summary>
    public ConnectionDetails WithNetworkId(string tenant) =>
        NetworkId != Guid.Empty ? this : this with { NetworkId = NetworkNames.DerivedId(tenant, Network.Name, Network.Kind) };
}

/// <summary>
/// A measurement as the case shows it. <see cref="Domains"/> and <see cref="Note"/> are the person's encrypted texts: the API
/// reveals the scores as a list of <c>{domain, level, ownShare, networkShare, professionalShare}</c> and the note as text, both
/// <c>null</c> once the person is erased.
/// </summary>
public sealed record MeasurementDetails(
    Guid MeasurementId, Guid ParticipantId, MeasurementMoment Moment, DateOnly MeasuredOn, string Domains, string? Note,
    string RecordedBy, DateTimeOffset RecordedAt, bool Erased = false)
{
    public static MeasurementDetails Of(MeasurementRecorded e) =>
        new(e.MeasurementId, e.ParticipantId, e.Moment, e.MeasuredOn, e.Domains, e.Note, e.RecordedBy, e.RecordedAt);
}

public sealed record AgreementDetails(
    Guid AgreementId, IReadOnlyList<Guid> Parties, string Gives, string? Receives, DateOnly? DueOn,
    AgreementStatus Status, string? Note, DateTimeOffset MadeAt, DateTimeOffset? SettledAt);
