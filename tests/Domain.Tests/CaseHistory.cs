using Participation.Domain.Cases;
using Xunit;

namespace Participation.Domain.Tests;

/// <summary>Fixed ids, a fixed stamp and builders for the past events of a case.</summary>
public static class CaseHistory
{
    public static readonly DateTimeOffset Now = new(2025, 3, 14, 9, 30, 0, TimeSpan.Zero);
    public static readonly Stamp Anna = new("anna", Now);

    public static readonly Guid CaseId = Guid.Parse("c0000000-0000-0000-0000-000000000001");
    public static readonly Guid ResidentId = Guid.Parse("a0000000-0000-0000-0000-000000000001");
    public static readonly Guid VolunteerId = Guid.Parse("a0000000-0000-0000-0000-000000000002");
    public static readonly Guid ProfessionalId = Guid.Parse("a0000000-0000-0000-0000-000000000003");
    public static readonly Guid UnknownId = Guid.Parse("a0000000-0000-0000-0000-0000000000ff");
    public static readonly Guid ContactId = Guid.Parse("b0000000-0000-0000-0000-000000000001");
    public static readonly Guid StrengthId = Guid.Parse("b0000000-0000-0000-0000-000000000002");
    public static readonly Guid ConnectionId = Guid.Parse("b0000000-0000-0000-0000-000000000003");
    public static readonly Guid AgreementId = Guid.Parse("b0000000-0000-0000-0000-000000000004");

    public static readonly Neighbourhood Oosterpark = new("BU0363", "Oosterpark", "Oost");

    public static CaseOpened Opened() =>
        new(CaseId, CaseDomain.Ouderparticipatie, Oosterpark, "Samen koken", null, null, "anna", Now.AddDays(-30));

    public static ParticipantJoined Joined(Guid id, ParticipantRole role = ParticipantRole.Resident) =>
        new(id, role, "Fatima", null, "anna", Now.AddDays(-29));

    public static ParticipantLeft Left(Guid id) => new(id, "moved away", "anna", Now.AddDays(-2));

    public static ContactMomentRecorded Contacted(params Guid[] ids) =>
        new(ContactId, Now.AddDays(-20), ContactKind.HomeVisit, ids, "first visit", "anna", Now.AddDays(-20));

    public static StrengthRecorded StrengthFound(Guid? participantId = null) =>
        new(StrengthId, participantId, StrengthCategory.Skills, "cooks well", "anna", Now.AddDays(-15));

    public static NetworkConnected Connected(params Guid[] ids) =>
        new(ConnectionId, new Network("Buurthuis", NetworkKind.Organisation), ids, "cooking club", "anna", Now.AddDays(-10));

    public static AgreementMade Agreed(Guid agreementId, params Guid[] parties) =>
        new(agreementId, parties, "cooks once a week", null, null, "anna", Now.AddDays(-8));

    public static AgreementFulfilled Fulfilled(Guid agreementId, params Guid[] parties) => new(agreementId, parties, "done", "anna", Now.AddDays(-1));

    public static AgreementBroken Broken(Guid agreementId, params Guid[] parties) => new(agreementId, parties, "stopped coming", "anna", Now.AddDays(-1));

    public static CaseAssigned Assigned(string owner, string? previous = null) => new(owner, previous, "anna", Now.AddDays(-25));

    public static PhaseChanged Moved(CasePhase from, CasePhase to, string? reason = null) => new(from, to, reason, "anna", Now.AddDays(-5));

    public static CaseClosed Closed(CaseOutcome outcome = CaseOutcome.Stopped, CasePhase phase = CasePhase.Engage) =>
        new(outcome, "closed", phase, "anna", Now.AddDays(-1));

    public static CaseReopened Reopened() => new("new request", "anna", Now);

    /// <summary>An open case in engage with everything strengthen needs.</summary>
    public static object[] ReadyToStrengthen() => [Opened(), Joined(ResidentId), Contacted(ResidentId)];

    /// <summary>An open case in strengthen with a strength, ready to connect.</summary>
    public static object[] InStrengthen() =>
        [.. ReadyToStrengthen(), Moved(CasePhase.Engage, CasePhase.Strengthen), StrengthFound(ResidentId)];

    /// <summary>An open case in connect with a connection.</summary>
    public static object[] InConnect() =>
        [.. InStrengthen(), Moved(CasePhase.Strengthen, CasePhase.Connect), Connected(ResidentId)];

    /// <summary>A case with an active resident, an active professional and a volunteer who left.</summary>
    public static object[] WithParticipants() =>
        [Opened(), Joined(ResidentId), Joined(ProfessionalId, ParticipantRole.Professional), Joined(VolunteerId, ParticipantRole.Volunteer), Left(VolunteerId)];
}

/// <summary>Text every required field rejects.</summary>
public static class BadText
{
    public static TheoryData<string?> Blank => new() { null, "", "   ", "\t\r\n" };

    public static TheoryData<string> Forbidden => new() { "a\u0001b", "bell\u0007", "nul\0", "esc\u001b[0m", "del\u007f" };

    /// <summary>Broken UTF-16; kept out of theory data because the test runner repairs such strings while serialising them.</summary>
    public static readonly string[] LoneSurrogates = ["lone \uD800 high", "lone \uDC00 low", "reversed \uDC00\uD800", "ends high \uD83D"];

    public static string TooLong(int max) => new('x', max + 1);
}
