using System.Collections.Immutable;

namespace Participation.Domain.Cases;

public sealed record CaseParticipant(ParticipantRole Role, bool Active, bool Erased = false);

public sealed record CaseAgreement(AgreementStatus Status, IReadOnlyList<Guid> Parties);

/// <summary>
/// The slim state a case's decisions need; read models live in Projections.
/// </summary>
public sealed record Case
{
    public Guid Id { get; init; }

    /// <summary>The stream version this state reflects; kept by the event store.</summary>
    public long Version { get; set; }

    public CaseStatus Status { get; init; }
    public CasePhase Phase { get; init; }
    public string? Owner { get; init; }
    public ImmutableDictionary<Guid, CaseParticipant> Participants { get; init; } = ImmutableDictionary<Guid, CaseParticipant>.Empty;
    public int ContactMoments { get; init; }
    public int Strengths { get; init; }
    public int Connections { get; init; }
    public int Measurements { get; init; }
    public ImmutableDictionary<Guid, CaseAgreement> Agreements { get; init; } = ImmutableDictionary<Guid, CaseAgreement>.Empty;

    public bool HasActiveResidentSideParticipant =>
        Participants.Values.Any(p => p.Active && p.Role.IsResidentSide());

    private CaseParticipant Participant(Guid participantId) =>
        Participants.TryGetValue(participantId, out var participant)
            ? participant
            : throw new InvalidOperationException($"Case {Id} has no participant {participantId} to change.");

    private CaseAgreement Agreement(Guid agreementId) =>
        Agreements.TryGetValue(agreementId, out var agreement)
            ? agreement
            : throw new InvalidOperationException($"Case {Id} has no agreement {agreementId} to change.");

    public static Case Evolve(Case? state, object @event) => @event switch
    {
        CaseOpened e when state is null => new Case { Id = e.CaseId, Status = CaseStatus.Open, Phase = CasePhase.Engage },
        CaseOpened => throw new InvalidOperationException($"Case {state!.Id} was already opened."),
        _ when state is null => throw new InvalidOperationException(
            $"{@event.GetType().Name} cannot start a case stream; the first event must be {nameof(CaseOpened)}."),
        ParticipantJoined e => state with { Participants = state.Participants.SetItem(e.ParticipantId, new CaseParticipant(e.Role, true)) },
        ParticipantLeft e => state with { Participants = state.Participants.SetItem(e.ParticipantId, state.Participant(e.ParticipantId) with { Active = false }) },
        ContactMomentRecorded => state with { ContactMoments = state.ContactMoments + 1 },
        StrengthRecorded => state with { Strengths = state.Strengths + 1 },
        NetworkConnected => state with { Connections = state.Connections + 1 },
        AgreementMade e => state with { Agreements = state.Agreements.SetItem(e.AgreementId, new CaseAgreement(AgreementStatus.Open, e.Parties)) },
        AgreementFulfilled e => state with { Agreements = state.Agreements.SetItem(e.AgreementId, state.Agreement(e.AgreementId) with { Status = AgreementStatus.Fulfilled }) },
        AgreementBroken e => state with { Agreements = state.Agreements.SetItem(e.AgreementId, state.Agreement(e.AgreementId) with { Status = AgreementStatus.Broken }) },
        MeasurementRecorded => state with { Measurements = state.Measurements + 1 },
        ParticipantErased e => state with { Participants = state.Participants.SetItem(e.ParticipantId, state.Participant(e.ParticipantId) with { Active = false, Erased = true }) },
        CaseAssigned e => state with { Owner = e.Owner },
        PhaseChanged e => state with { Phase = e.To },
        CaseClosed => state with { Status = CaseStatus.Closed },
        CaseReopened => state with { Status = CaseStatus.Open },
        _ => throw new InvalidOperationException($"Unknown case event {@event.GetType().Name}."),
    };
}
