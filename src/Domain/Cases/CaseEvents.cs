namespace Participation.Domain.Cases;

public sealed record CaseOpened(
    Guid CaseId, CaseDomain Domain, Neighbourhood Neighbourhood, string Title,
    string? Description, string? Goal, string OpenedBy, DateTimeOffset OpenedAt);

public sealed record ParticipantJoined(
    Guid ParticipantId, ParticipantRole Role, string DisplayName, ContactDetails? Contact,
    string AddedBy, DateTimeOffset JoinedAt);

public sealed record ParticipantLeft(Guid ParticipantId, string Reason, string RecordedBy, DateTimeOffset LeftAt);

public sealed record ContactMomentRecorded(
    Guid ContactId, DateTimeOffset OccurredAt, ContactKind Kind, IReadOnlyList<Guid> ParticipantIds,
    string Summary, string RecordedBy, DateTimeOffset RecordedAt);

public sealed record StrengthRecorded(
    Guid StrengthId, Guid? ParticipantId, StrengthCategory Category, string Description,
    string RecordedBy, DateTimeOffset RecordedAt);

public sealed record NetworkConnected(
    Guid ConnectionId, Network Network, IReadOnlyList<Guid> ParticipantIds, string Purpose,
    string ConnectedBy, DateTimeOffset ConnectedAt);

public sealed record AgreementMade(
    Guid AgreementId, IReadOnlyList<Guid> Parties, string Gives, string? Receives, DateOnly? DueOn,
    string RecordedBy, DateTimeOffset MadeAt);

public sealed record AgreementFulfilled(Guid AgreementId, IReadOnlyList<Guid> Parties, string Note, string RecordedBy, DateTimeOffset FulfilledAt);

public sealed record AgreementBroken(Guid AgreementId, IReadOnlyList<Guid> Parties, string Note, string RecordedBy, DateTimeOffset BrokenAt);

public sealed record CaseAssigned(string Owner, string? PreviousOwner, string AssignedBy, DateTimeOffset AssignedAt);

public sealed record PhaseChanged(CasePhase From, CasePhase To, string? Reason, string ChangedBy, DateTimeOffset ChangedAt);

public sealed record CaseClosed(CaseOutcome Outcome, string Summary, CasePhase Phase, string ClosedBy, DateTimeOffset ClosedAt);

public sealed record CaseReopened(string Reason, string ReopenedBy, DateTimeOffset ReopenedAt);

/// <summary>A participant's personal data was erased (AVG). Carries who erased whom, never the data.</summary>
public sealed record ParticipantErased(Guid ParticipantId, string ErasedBy, DateTimeOffset ErasedAt);

public static class CaseEventStamps
{
    /// <summary>Who recorded a case event, and when: the server's clock at the moment of decision.</summary>
    public static Stamp Of(object @event) => @event switch
    {
        CaseOpened e => new(e.OpenedBy, e.OpenedAt),
        ParticipantJoined e => new(e.AddedBy, e.JoinedAt),
        ParticipantLeft e => new(e.RecordedBy, e.LeftAt),
        ContactMomentRecorded e => new(e.RecordedBy, e.RecordedAt),
        StrengthRecorded e => new(e.RecordedBy, e.RecordedAt),
        NetworkConnected e => new(e.ConnectedBy, e.ConnectedAt),
        AgreementMade e => new(e.RecordedBy, e.MadeAt),
        AgreementFulfilled e => new(e.RecordedBy, e.FulfilledAt),
        AgreementBroken e => new(e.RecordedBy, e.BrokenAt),
        CaseAssigned e => new(e.AssignedBy, e.AssignedAt),
        PhaseChanged e => new(e.ChangedBy, e.ChangedAt),
        CaseClosed e => new(e.ClosedBy, e.ClosedAt),
        CaseReopened e => new(e.ReopenedBy, e.ReopenedAt),
        ParticipantErased e => new(e.ErasedBy, e.ErasedAt),
        _ => throw new InvalidOperationException($"Unknown case event {@event.GetType().Name}."),
    };
}
