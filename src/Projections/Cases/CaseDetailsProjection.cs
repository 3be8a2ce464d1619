using JasperFx.Events;
using Participation.Domain.Cases;

namespace Participation.Projections.Cases;

/// <summary>
/// The full state of a case folded from its events in memory: what time travel answers (<c>/state?version=N</c>),
/// registered as a live aggregation so Marten's own <c>AggregateStreamAsync&lt;CaseDetails&gt;</c> folds the same way.
/// The current state is stored by <see cref="CaseDetailsRowsProjection"/>, which writes the same fields row by row
/// instead of rewriting the whole case (ADR 18). It sees every case event, since its version and last activity follow the stream.
/// </summary>
public sealed class CaseDetailsProjection : CaseStreamProjection<CaseDetails>
{
    public override CaseDetails? Evolve(CaseDetails? snapshot, Guid id, IEvent e) => Apply(snapshot, id, e.Data, e.Version);

    /// <summary>What the read model keeps of an erased participant's name.</summary>
    public const string ErasedText = "[erased]";

    public CaseDetailsProjection()
    {
        Name = "CaseDetailsReplay";
        Opens(e => new CaseDetails
        {
            Id = e.CaseId, Domain = e.Domain, Neighbourhood = e.Neighbourhood, Title = e.Title,
            Description = e.Description, Goal = e.Goal, Phase = CasePhase.Engage, Status = CaseStatus.Open,
            OpenedBy = e.OpenedBy, OpenedAt = e.OpenedAt,
        });
        On<ParticipantJoined>((details, e) =>
            details.Participants.Add(new ParticipantDetails(e.ParticipantId, e.Role, e.DisplayName, e.Contact, true, e.JoinedAt, null, null)));
        On<ParticipantLeft>((details, e) => Replace(details.Participants, p => p.ParticipantId == e.ParticipantId,
            p => p with { Active = false, LeftAt = e.LeftAt, LeftReason = e.Reason }));
        On<ParticipantErased>((details, e) => Replace(details.Participants, p => p.ParticipantId == e.ParticipantId,
            p => p with { DisplayName = ErasedText, Contact = null, ErasedAt = e.ErasedAt }));
        On<ContactMomentRecorded>((details, e) =>
            details.Contacts.Add(new ContactDetailsView(e.ContactId, e.OccurredAt, e.Kind, e.ParticipantIds, e.Summary, e.RecordedBy, e.RecordedAt)));
        On<StrengthRecorded>((details, e) =>
            details.Strengths.Add(new StrengthDetails(e.StrengthId, e.ParticipantId, e.Category, e.Description, e.RecordedBy, e.RecordedAt)));
        On<NetworkConnected>((details, e) =>
            details.Connections.Add(ConnectionDetails.Of(e)));
        On<AgreementMade>((details, e) =>
            details.Agreements.Add(new AgreementDetails(e.AgreementId, e.Parties, e.Gives, e.Receives, e.DueOn, AgreementStatus.Open, null, e.MadeAt, null)));
        On<AgreementFulfilled>((details, e) => Replace(details.Agreements, a => a.AgreementId == e.AgreementId,
            a => a with { Status = AgreementStatus.Fulfilled, Note = e.Note, SettledAt = e.FulfilledAt }));
        On<AgreementBroken>((details, e) => Replace(details.Agreements, a => a.AgreementId == e.AgreementId,
            a => a with { Status = AgreementStatus.Broken, Note = e.Note, SettledAt = e.BrokenAt }));
        On<MeasurementRecorded>((details, e) => details.Measurements.Add(MeasurementDetails.Of(e)));
        On<CaseAssigned>((details, e) => details.Owner = e.Owner);
        On<PhaseChanged>((details, e) => details.Phase = e.To);
        On<CaseClosed>((details, e) =>
        {
            details.Status = CaseStatus.Closed;
            details.Outcome = e.Outcome;
            details.OutcomeSummary = e.Summary;
            details.ClosedAt = e.ClosedAt;
        });
        On<CaseReopened>((details, _) =>
        {
            details.Status = CaseStatus.Open;
            details.Outcome = null;
            details.OutcomeSummary = null;
            details.ClosedAt = null;
        });
        OnEveryOtherCaseEvent();
    }

    protected override void Applied(CaseDetails details, ICaseEvent e, long version)
    {
        details.Version = version;
        details.LastActivityAt = e.Stamp.At;
    }

    private static void Replace<T>(List<T> items, Predicate<T> match, Func<T, T> change)
    {
        var index = items.FindIndex(match);
        if (index < 0) throw new InvalidOperationException($"No {typeof(T).Name} to change.");
        items[index] = change(items[index]);
    }
}
