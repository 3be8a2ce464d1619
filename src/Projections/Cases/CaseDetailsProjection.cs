using JasperFx.Events;
using Marten.Events.Aggregation;
using Participation.Domain.Cases;

namespace Participation.Projections.Cases;

public sealed class CaseDetailsProjection : SingleStreamProjection<CaseDetails, Guid>
{
    /// <summary>What the read model keeps of an erased participant's name.</summary>
    public const string ErasedText = "[erased]";

    public override CaseDetails? Evolve(CaseDetails? snapshot, Guid id, IEvent e) => Evolve(snapshot, id, e.Data, e.Version);

    /// <summary>The same step from an event's data and version alone, for replays that read nothing else.</summary>
    public static CaseDetails Evolve(CaseDetails? snapshot, Guid id, object data, long version)
    {
        var details = data is CaseOpened opened ? Open(opened) : snapshot ?? throw new InvalidOperationException(
            $"Case {id} has {data.GetType().Name} at version {version} before {nameof(CaseOpened)}.");
        Change(details, data);
        details.Version = version;
        details.LastActivityAt = CaseEventStamps.Of(data).At;
        return details;
    }

    private static CaseDetails Open(CaseOpened e) => new()
    {
        Id = e.CaseId, Domain = e.Domain, Neighbourhood = e.Neighbourhood, Title = e.Title,
        Description = e.Description, Goal = e.Goal, Phase = CasePhase.Engage, Status = CaseStatus.Open,
        OpenedBy = e.OpenedBy, OpenedAt = e.OpenedAt,
    };

    private static void Change(CaseDetails details, object @event)
    {
        switch (@event)
        {
            case CaseOpened:
                break;
            case ParticipantJoined e:
                details.Participants.Add(new ParticipantDetails(e.ParticipantId, e.Role, e.DisplayName, e.Contact, true, e.JoinedAt, null, null));
                break;
            case ParticipantLeft e:
                Replace(details.Participants, p => p.ParticipantId == e.ParticipantId,
                    p => p with { Active = false, LeftAt = e.LeftAt, LeftReason = e.Reason });
                break;
            case ParticipantErased e:
                Replace(details.Participants, p => p.ParticipantId == e.ParticipantId,
                    p => p with { DisplayName = ErasedText, Contact = null, ErasedAt = e.ErasedAt });
                break;
            case ContactMomentRecorded e:
                details.Contacts.Add(new ContactDetailsView(e.ContactId, e.OccurredAt, e.Kind, e.ParticipantIds, e.Summary, e.RecordedBy, e.RecordedAt));
                break;
            case StrengthRecorded e:
                details.Strengths.Add(new StrengthDetails(e.StrengthId, e.ParticipantId, e.Category, e.Description, e.RecordedBy, e.RecordedAt));
                break;
            case NetworkConnected e:
                details.Connections.Add(new ConnectionDetails(e.ConnectionId, e.Network, e.ParticipantIds, e.Purpose, e.ConnectedBy, e.ConnectedAt));
                break;
            case AgreementMade e:
                details.Agreements.Add(new AgreementDetails(e.AgreementId, e.Parties, e.Gives, e.Receives, e.DueOn, AgreementStatus.Open, null, e.MadeAt, null));
                break;
            case AgreementFulfilled e:
                Replace(details.Agreements, a => a.AgreementId == e.AgreementId,
                    a => a with { Status = AgreementStatus.Fulfilled, Note = e.Note, SettledAt = e.FulfilledAt });
                break;
            case AgreementBroken e:
                Replace(details.Agreements, a => a.AgreementId == e.AgreementId,
                    a => a with { Status = AgreementStatus.Broken, Note = e.Note, SettledAt = e.BrokenAt });
                break;
            case CaseAssigned e:
                details.Owner = e.Owner;
                break;
            case PhaseChanged e:
                details.Phase = e.To;
                break;
            case CaseClosed e:
                details.Status = CaseStatus.Closed;
                details.Outcome = e.Outcome;
                details.OutcomeSummary = e.Summary;
                details.ClosedAt = e.ClosedAt;
                break;
            case CaseReopened:
                details.Status = CaseStatus.Open;
                details.Outcome = null;
                details.OutcomeSummary = null;
                details.ClosedAt = null;
                break;
            default:
                throw new InvalidOperationException($"{nameof(CaseDetailsProjection)} does not know {@event.GetType().Name}.");
        }
    }

    private static void Replace<T>(List<T> items, Predicate<T> match, Func<T, T> change)
    {
        var index = items.FindIndex(match);
        if (index < 0) throw new InvalidOperationException($"No {typeof(T).Name} to change.");
        items[index] = change(items[index]);
    }
}
