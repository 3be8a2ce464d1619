using Marten;
using Participation.Domain.Cases;

namespace Participation.Projections.Cases;

/// <summary>
/// The stored, public names of case events: what the history and audit log show, and what the
/// event store keeps in <c>type</c>. Pinned here so renaming a class never changes stored data.
/// </summary>
public static class CaseEventTypes
{
    public static readonly IReadOnlyDictionary<Type, string> Names = new Dictionary<Type, string>
    {
        [typeof(CaseOpened)] = "case_opened",
        [typeof(ParticipantJoined)] = "participant_joined",
        [typeof(ParticipantLeft)] = "participant_left",
        [typeof(ContactMomentRecorded)] = "contact_moment_recorded",
        [typeof(StrengthRecorded)] = "strength_recorded",
        [typeof(NetworkConnected)] = "network_connected",
        [typeof(AgreementMade)] = "agreement_made",
        [typeof(AgreementFulfilled)] = "agreement_fulfilled",
        [typeof(AgreementBroken)] = "agreement_broken",
        [typeof(CaseAssigned)] = "case_assigned",
        [typeof(PhaseChanged)] = "phase_changed",
        [typeof(CaseClosed)] = "case_closed",
        [typeof(CaseReopened)] = "case_reopened",
        [typeof(ParticipantErased)] = "participant_erased",
    };

    public static StoreOptions MapCaseEventTypes(this StoreOptions options)
    {
        foreach (var (type, name) in Names) options.Events.MapEventType(type, name);
        return options;
    }
}
