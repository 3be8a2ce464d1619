namespace Participation.Domain.Cases;

/// <summary>
/// A fact about one case, stored in its stream. Each carries who recorded it and when (the server's
/// clock at the moment of decision); <see cref="CaseEventTypes"/> declares its stored name and its personal data.
/// </summary>
public interface ICaseEvent
{
    Stamp Stamp { get; }
}

public sealed record CaseOpened(
    Guid CaseId, CaseDomain Domain, Neighbourhood Neighbourhood, string Title,
    string? Description, string? Goal, string OpenedBy, DateTimeOffset OpenedAt) : ICaseEvent
{
    Stamp ICaseEvent.Stamp => new(OpenedBy, OpenedAt);
}

public sealed record ParticipantJoined(
    Guid ParticipantId, ParticipantRole Role, string DisplayName, ContactDetails? Contact,
    string AddedBy, DateTimeOffset JoinedAt) : ICaseEvent
{
    Stamp ICaseEvent.Stamp => new(AddedBy, JoinedAt);
}

public sealed record ParticipantLeft(Guid ParticipantId, string Reason, string RecordedBy, DateTimeOffset LeftAt) : ICaseEvent
{
    Stamp ICaseEvent.Stamp => new(RecordedBy, LeftAt);
}

public sealed record ContactMomentRecorded(
    Guid ContactId, DateTimeOffset OccurredAt, ContactKind Kind, IReadOnlyList<Guid> ParticipantIds,
    string Summary, string RecordedBy, DateTimeOffset RecordedAt) : ICaseEvent
{
    Stamp ICaseEvent.Stamp => new(RecordedBy, RecordedAt);
}

public sealed record StrengthRecorded(
    Guid StrengthId, Guid? ParticipantId, StrengthCategory Category, string Description,
    string RecordedBy, DateTimeOffset RecordedAt) : ICaseEvent
{
    Stamp ICaseEvent.Stamp => new(RecordedBy, RecordedAt);
}

/// <summary>The case was connected to a network; <see cref="Network"/> is its name and kind at that moment.</summary>
public sealed record NetworkConnected(
    Guid ConnectionId, Network Network, IReadOnlyList<Guid> ParticipantIds, string Purpose,
    string ConnectedBy, DateTimeOffset ConnectedAt, Guid? NetworkId = null) : ICaseEvent
{
    Stamp ICaseEvent.Stamp => new(ConnectedBy, ConnectedAt);

    /// <summary>The network connected to: connections stored before networks had streams name none, and belong to the one their name and kind stand for.</summary>
    public Guid ConnectedNetworkId(string tenant) => NetworkId ?? Networks.NetworkNames.DerivedId(tenant, Network.Name, Network.Kind);
}

public sealed record AgreementMade(
    Guid AgreementId, IReadOnlyList<Guid> Parties, string Gives, string? Receives, DateOnly? DueOn,
    string RecordedBy, DateTimeOffset MadeAt) : ICaseEvent
{
    Stamp ICaseEvent.Stamp => new(RecordedBy, MadeAt);
}

public sealed record AgreementFulfilled(Guid AgreementId, IReadOnlyList<Guid> Parties, string Note, string RecordedBy, DateTimeOffset FulfilledAt) : ICaseEvent
{
    Stamp ICaseEvent.Stamp => new(RecordedBy, FulfilledAt);
}

public sealed record AgreementBroken(Guid AgreementId, IReadOnlyList<Guid> Parties, string Note, string RecordedBy, DateTimeOffset BrokenAt) : ICaseEvent
{
    Stamp ICaseEvent.Stamp => new(RecordedBy, BrokenAt);
}

public sealed record CaseAssigned(string Owner, string? PreviousOwner, string AssignedBy, DateTimeOffset AssignedAt) : ICaseEvent
{
    Stamp ICaseEvent.Stamp => new(AssignedBy, AssignedAt);
}

public sealed record PhaseChanged(CasePhase From, CasePhase To, string? Reason, string ChangedBy, DateTimeOffset ChangedAt) : ICaseEvent
{
    Stamp ICaseEvent.Stamp => new(ChangedBy, ChangedAt);
}

public sealed record CaseClosed(CaseOutcome Outcome, string Summary, CasePhase Phase, string ClosedBy, DateTimeOffset ClosedAt) : ICaseEvent
{
    Stamp ICaseEvent.Stamp => new(ClosedBy, ClosedAt);
}

public sealed record CaseReopened(string Reason, string ReopenedBy, DateTimeOffset ReopenedAt) : ICaseEvent
{
    Stamp ICaseEvent.Stamp => new(ReopenedBy, ReopenedAt);
}

/// <summary>
/// A resident's self-reliance was measured (ZRM 2017). <see cref="Domains"/> is the scores as one personal text
/// (<see cref="Measuring.MeasurementScores"/>): what it says of the person is theirs, encrypted and erased with them.
/// </summary>
public sealed record MeasurementRecorded(
    Guid MeasurementId, Guid ParticipantId, MeasurementMoment Moment, DateOnly MeasuredOn, string Domains, string? Note,
    string RecordedBy, DateTimeOffset RecordedAt) : ICaseEvent
{
    Stamp ICaseEvent.Stamp => new(RecordedBy, RecordedAt);
}

/// <summary>A participant's personal data was erased (AVG). Carries who erased whom, never the data.</summary>
public sealed record ParticipantErased(Guid ParticipantId, string ErasedBy, DateTimeOffset ErasedAt) : ICaseEvent
{
    Stamp ICaseEvent.Stamp => new(ErasedBy, ErasedAt);
}

/// <summary>
/// The case waits (a family abroad, a stay in hospital): its follow-up clocks stand still until it is resumed.
/// <see cref="Until"/> is the day the caseworker expects to resume, shown but not acted on: only a resume starts the clocks again.
/// </summary>
public sealed record CaseSuspended(string Reason, DateOnly? Until, string SuspendedBy, DateTimeOffset SuspendedAt) : ICaseEvent
{
    Stamp ICaseEvent.Stamp => new(SuspendedBy, SuspendedAt);
}

/// <summary>The case's clocks run again; every deadline has moved by the time since <see cref="SuspendedSince"/>.</summary>
public sealed record CaseResumed(string Note, DateTimeOffset SuspendedSince, string ResumedBy, DateTimeOffset ResumedAt) : ICaseEvent
{
    Stamp ICaseEvent.Stamp => new(ResumedBy, ResumedAt);
}

/// <summary>
/// A follow-up deadline of the case passed (<see cref="FollowUp.OverdueLevel.Late"/>), or three times its span did
/// (<see cref="FollowUp.OverdueLevel.LateThreeTimes"/>): recorded by the system, once per deadline and level.
/// <see cref="Ref"/> is the agreement or participant the deadline is about (none for contact and phase).
/// </summary>
public sealed record FollowUpOverdue(
    FollowUp.FollowUpKind Kind, Guid? Ref, DateTimeOffset DueAt, FollowUp.OverdueLevel Level, string RecordedBy, DateTimeOffset RecordedAt) : ICaseEvent
{
    Stamp ICaseEvent.Stamp => new(RecordedBy, RecordedAt);
}
