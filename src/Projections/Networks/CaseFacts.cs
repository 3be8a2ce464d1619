using Participation.Domain.Cases;

namespace Participation.Projections.Networks;

/// <summary>
/// What a network's figures need to know of one case, folded from the case's own events: where and what it is, how far
/// it got, and the agreements made in it. Every time comes from the events' own stamps, so a rebuild gives the same.
/// </summary>
public sealed class CaseFacts
{
    /// <summary>The case events that change these facts: the only ones the networks' projection reads.</summary>
    public static readonly Type[] EventTypes =
    [
        typeof(CaseOpened), typeof(ContactMomentRecorded), typeof(NetworkConnected), typeof(PhaseChanged), typeof(CaseClosed), typeof(CaseReopened),
        typeof(AgreementMade), typeof(AgreementFulfilled), typeof(AgreementBroken),
    ];

    public string Title { get; set; } = "";
    public CaseDomain Domain { get; set; }
    public Neighbourhood Neighbourhood { get; set; } = new("", "", "");
    public CasePhase Phase { get; set; }
    public CaseStatus Status { get; set; }
    public DateTimeOffset LastActivityAt { get; set; }
    public List<AgreementFact> Agreements { get; set; } = [];

    public void Apply(ICaseEvent e)
    {
        switch (e)
        {
            case CaseOpened opened:
                (Title, Domain, Neighbourhood, Phase, Status) = (opened.Title, opened.Domain, opened.Neighbourhood, CasePhase.Engage, CaseStatus.Open);
                break;
            case PhaseChanged changed: Phase = changed.To; break;
            case CaseClosed: Status = CaseStatus.Closed; break;
            case CaseReopened: Status = CaseStatus.Open; break;
            case AgreementMade made: Agreements.Add(new AgreementFact(made.AgreementId, AgreementStatus.Open, made.MadeAt, made.DueOn, null)); break;
            case AgreementFulfilled fulfilled: Settle(fulfilled.AgreementId, AgreementStatus.Fulfilled, fulfilled.FulfilledAt); break;
            case AgreementBroken broken: Settle(broken.AgreementId, AgreementStatus.Broken, broken.BrokenAt); break;
        }
        if (e.Stamp.At > LastActivityAt) LastActivityAt = e.Stamp.At;
    }

    private void Settle(Guid agreementId, AgreementStatus status, DateTimeOffset at)
    {
        var index = Agreements.FindIndex(a => a.AgreementId == agreementId);
        if (index >= 0) Agreements[index] = Agreements[index] with { Status = status, SettledAt = at };
    }
}

public sealed record AgreementFact(Guid AgreementId, AgreementStatus Status, DateTimeOffset MadeAt, DateOnly? DueOn, DateTimeOffset? SettledAt);
