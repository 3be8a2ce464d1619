using System.Collections.Immutable;

namespace Participation.Domain.Cases;

public sealed record CaseParticipant(ParticipantRole Role, bool Active, bool Erased = false);

/// <summary>An agreement as decisions and deadlines need it; <see cref="DueOn"/> and <see cref="MadeAt"/> set its deadline.</summary>
public sealed record CaseAgreement(AgreementStatus Status, IReadOnlyList<Guid> Parties, DateOnly? DueOn = null, DateTimeOffset MadeAt = default);

/// <summary>A suspension of the case: running while <see cref="Until"/> is null in <see cref="Case.Suspended"/>, ended in <see cref="Case.Suspensions"/>.</summary>
public sealed record Suspension(DateTimeOffset Since, DateOnly? PlannedUntil, string Reason, DateTimeOffset? Until = null);

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

    // What the follow-up deadlines are counted from (FollowUp.Deadlines); a state stored before they existed has defaults until a rebuild.
    public CaseDomain Domain { get; init; }
    public string NeighbourhoodCode { get; init; } = "";
    public DateTimeOffset PhaseSince { get; init; }

    /// <summary>The latest of the opening, the last reopening and the last contact moment's <c>occurredAt</c>.</summary>
    public DateTimeOffset QuietSince { get; init; }

    /// <summary>Each measured participant's latest measurement day.</summary>
    public ImmutableDictionary<Guid, DateOnly> LastMeasuredOn { get; init; } = ImmutableDictionary<Guid, DateOnly>.Empty;

    /// <summary>The suspension running now, if any; its clocks stand still.</summary>
    public Suspension? Suspended { get; init; }

    /// <summary>Ended suspensions, oldest first: each moves every deadline that was still running when it began.</summary>
    public ImmutableList<Suspension> Suspensions { get; init; } = ImmutableList<Suspension>.Empty;

    /// <summary>The overdue deadlines recorded so far (<see cref="FollowUp.OverdueKey"/>), so each deadline and level is recorded once.</summary>
    public ImmutableHashSet<string> OverdueRecorded { get; init; } = ImmutableHashSet<string>.Empty;

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

    private Case EndSuspension(DateTimeOffset at) =>
        Suspended is { } running ? this with { Suspended = null, Suspensions = Suspensions.Add(running with { Until = at }) } : this;

    public static Case Evolve(Case? state, object @event) => @event switch
    {
        CaseOpened e when state is null => new Case
        {
            Id = e.CaseId, Status = CaseStatus.Open, Phase = CasePhase.Engage, Domain = e.Domain, NeighbourhoodCode = e.Neighbourhood.Code,
            PhaseSince = e.OpenedAt, QuietSince = e.OpenedAt,
        },
        CaseOpened => throw new InvalidOperationException($"Case {state!.Id} was already opened."),
        _ when state is null => throw new InvalidOperationException(
            $"{@event.GetType().Name} cannot start a case stream; the first event must be {nameof(CaseOpened)}."),
        ParticipantJoined e => state with { Participants = state.Participants.SetItem(e.ParticipantId, new CaseParticipant(e.Role, true)) },
        ParticipantLeft e => state with { Participants = state.Participants.SetItem(e.ParticipantId, state.Participant(e.ParticipantId) with { Active = false }) },
        ContactMomentRecorded e => state with
        {
            ContactMoments = state.ContactMoments + 1, QuietSince = e.OccurredAt > state.QuietSince ? e.OccurredAt : state.QuietSince,
        },
        StrengthRecorded => state with { Strengths = state.Strengths + 1 },
        NetworkConnected => state with { Connections = state.Connections + 1 },
        AgreementMade e => state with { Agreements = state.Agreements.SetItem(e.AgreementId, new CaseAgreement(AgreementStatus.Open, e.Parties, e.DueOn, e.MadeAt)) },
        AgreementFulfilled e => state with { Agreements = state.Agreements.SetItem(e.AgreementId, state.Agreement(e.AgreementId) with { Status = AgreementStatus.Fulfilled }) },
        AgreementBroken e => state with { Agreements = state.Agreements.SetItem(e.AgreementId, state.Agreement(e.AgreementId) with { Status = AgreementStatus.Broken }) },
        MeasurementRecorded e => state with
        {
            Measurements = state.Measurements + 1,
            LastMeasuredOn = state.LastMeasuredOn.TryGetValue(e.ParticipantId, out var last) && last >= e.MeasuredOn
                ? state.LastMeasuredOn : state.LastMeasuredOn.SetItem(e.ParticipantId, e.MeasuredOn),
        },
        ParticipantErased e => state with { Participants = state.Participants.SetItem(e.ParticipantId, state.Participant(e.ParticipantId) with { Active = false, Erased = true }) },
        CaseAssigned e => state with { Owner = e.Owner },
        PhaseChanged e => state with { Phase = e.To, PhaseSince = e.ChangedAt },
        CaseClosed e => state.EndSuspension(e.ClosedAt) with { Status = CaseStatus.Closed },
        // Time while closed does not count: the phase and the quiet both start again at the reopening.
        CaseReopened e => state with { Status = CaseStatus.Open, PhaseSince = e.ReopenedAt, QuietSince = e.ReopenedAt > state.QuietSince ? e.ReopenedAt : state.QuietSince },
        CaseSuspended e => state with { Suspended = new Suspension(e.SuspendedAt, e.Until, e.Reason) },
        CaseResumed e => state.EndSuspension(e.ResumedAt),
        FollowUpOverdue e => state with { OverdueRecorded = state.OverdueRecorded.Add(FollowUp.OverdueKey.Of(e.Kind, e.Ref, e.DueAt, e.Level)) },
        _ => throw new InvalidOperationException($"Unknown case event {@event.GetType().Name}."),
    };
}
