using JasperFx.Events;
using Participation.Projections.Rows;
using Participation.Domain.Cases;

namespace Participation.Projections.Cases;

/// <summary>
/// Keeps the stored <see cref="CaseDetails"/> (<see cref="CaseDetailsHead"/> and its entries) inline: one write of
/// the head per batch, plus one insert for an entry a command adds or one update for an entry it changes. It writes
/// what <see cref="CaseDetailsProjection"/> folds in memory (a test compares both at every version); it is named
/// <c>CaseDetails</c> for <c>projections rebuild -p CaseDetails</c>.
/// </summary>
public sealed class CaseDetailsRowsProjection : CaseRowProjection<CaseDetailsHead>
{
    /// <summary>Raised when what the projection writes changes: nodes then build the new version beside the old (ADR 39).</summary>
    public const int ReadModelVersion = 1;

    public CaseDetailsRowsProjection()
    {
        Name = nameof(CaseDetails);
        Writes<CaseParticipantEntry>();
        Writes<CaseContactEntry>();
        Writes<CaseStrengthEntry>();
        Writes<CaseConnectionEntry>();
        Writes<CaseAgreementEntry>();
        Writes<CaseMeasurementEntry>();

        Opens((e, version) => new CaseDetailsHead
        {
            Id = e.CaseId, Domain = e.Domain, Neighbourhood = e.Neighbourhood, Title = e.Title,
            Description = e.Description, Goal = e.Goal, Phase = CasePhase.Engage, Status = CaseStatus.Open,
            OpenedBy = e.OpenedBy, OpenedAt = e.OpenedAt, LastActivityAt = e.OpenedAt, Version = version,
        });
        On<ParticipantJoined>((write, e) => Add<CaseParticipantEntry, ParticipantDetails>(write, e.ParticipantId,
            new ParticipantDetails(e.ParticipantId, e.Role, e.DisplayName, e.Contact, true, e.JoinedAt, null, null)));
        On<ParticipantLeft>((write, e) => Change<CaseParticipantEntry, ParticipantDetails>(write, e.ParticipantId)
            .Set(x => x.Item.Active, false).Set(x => x.Item.LeftAt, e.LeftAt).Set(x => x.Item.LeftReason, e.Reason));
        On<ParticipantErased>((write, e) => Change<CaseParticipantEntry, ParticipantDetails>(write, e.ParticipantId)
            .Set(x => x.Item.DisplayName, CaseDetailsProjection.ErasedText).Set(x => x.Item.Contact, null).Set(x => x.Item.ErasedAt, e.ErasedAt));
        On<ContactMomentRecorded>((write, e) => Add<CaseContactEntry, ContactDetailsView>(write, e.ContactId,
            new ContactDetailsView(e.ContactId, e.OccurredAt, e.Kind, e.ParticipantIds, e.Summary, e.RecordedBy, e.RecordedAt)));
        On<StrengthRecorded>((write, e) => Add<CaseStrengthEntry, StrengthDetails>(write, e.StrengthId,
            new StrengthDetails(e.StrengthId, e.ParticipantId, e.Category, e.Description, e.RecordedBy, e.RecordedAt)));
        On<NetworkConnected>((write, e) => Add<CaseConnectionEntry, ConnectionDetails>(write, e.ConnectionId, ConnectionDetails.Of(e)));
        On<AgreementMade>((write, e) => Add<CaseAgreementEntry, AgreementDetails>(write, e.AgreementId,
            new AgreementDetails(e.AgreementId, e.Parties, e.Gives, e.Receives, e.DueOn, AgreementStatus.Open, null, e.MadeAt, null)));
        On<AgreementFulfilled>((write, e) => Change<CaseAgreementEntry, AgreementDetails>(write, e.AgreementId)
            .Set(x => x.Item.Status, AgreementStatus.Fulfilled).Set(x => x.Item.Note, e.Note).Set(x => x.Item.SettledAt, e.FulfilledAt));
        On<AgreementBroken>((write, e) => Change<CaseAgreementEntry, AgreementDetails>(write, e.AgreementId)
            .Set(x => x.Item.Status, AgreementStatus.Broken).Set(x => x.Item.Note, e.Note).Set(x => x.Item.SettledAt, e.BrokenAt));
        On<MeasurementRecorded>((write, e) => Add<CaseMeasurementEntry, MeasurementDetails>(write, e.MeasurementId, MeasurementDetails.Of(e)));
        On<CaseAssigned>((write, e) => write.Head.Set(x => x.Owner, e.Owner));
        On<PhaseChanged>((write, e) => write.Head.Set(x => x.Phase, e.To));
        On<CaseClosed>((write, e) => write.Head
            .Set(x => x.Status, CaseStatus.Closed).Set(x => x.Outcome, e.Outcome).Set(x => x.OutcomeSummary, e.Summary).Set(x => x.ClosedAt, e.ClosedAt));
        On<CaseReopened>((write, _) => write.Head
            .Set(x => x.Status, CaseStatus.Open).Set(x => x.Outcome, null).Set(x => x.OutcomeSummary, null).Set(x => x.ClosedAt, null));
        OnEveryOtherCaseEvent();
    }

    protected override void SetVersion(RowChange<CaseDetailsHead> head, long version, DateTimeOffset at) =>
        head.Set(x => x.Version, version).Set(x => x.LastActivityAt, at);

    private static void Add<TEntry, TItem>(Write write, Guid itemId, TItem item)
        where TEntry : CaseDetailsEntry<TItem>, new() where TItem : class
    {
        var id = CaseDetailsEntry<TItem>.IdOf(write.CaseId, itemId);
        write.Add(id, new TEntry { Id = id, CaseId = write.CaseId, Position = write.Version, Item = item });
    }

    private static RowChange<TEntry> Change<TEntry, TItem>(Write write, Guid itemId)
        where TEntry : CaseDetailsEntry<TItem> where TItem : class =>
        write.Change<TEntry>(CaseDetailsEntry<TItem>.IdOf(write.CaseId, itemId));
}
