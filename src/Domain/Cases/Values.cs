namespace Participation.Domain.Cases;

public enum CaseDomain { Ouderparticipatie, Jeugdzorg, Sport }

public enum CasePhase { Engage, Strengthen, Connect }

public enum CaseStatus { Open, Closed }

public enum ParticipantRole { Resident, Parent, Youth, Volunteer, Professional, Organisation }

public enum ContactKind { HomeVisit, Meeting, Phone, Activity, Other }

public enum StrengthCategory { Skills, Time, Knowledge, Network, Resources }

public enum NetworkKind { Informal, Organisation, School, SportsClub, Faith, Business, Other }

public enum CaseOutcome { Achieved, PartlyAchieved, NotAchieved, HandedOver, Stopped }

public enum AgreementStatus { Open, Fulfilled, Broken }

/// <summary>When in a case a resident's self-reliance was measured.</summary>
public enum MeasurementMoment { Intake, Progress, Evaluation, Exit }

/// <summary>The life domains of the Zelfredzaamheid-Matrix (ZRM 2017).</summary>
public enum LifeDomain
{
    Finances, WorkAndEducation, TimeUse, Housing, DomesticRelations, MentalHealth, PhysicalHealth, SubstanceUse, BasicAdl, InstrumentalAdl,
    SocialNetwork, CommunityParticipation, Justice,
}

public sealed record Neighbourhood(string Code, string Name, string District);

/// <summary>Personal contact details of a participant (personal data).</summary>
public sealed record ContactDetails(string? Phone = null, string? Email = null);

public sealed record Network(string Name, NetworkKind Kind);

/// <summary>Who did something, and when: carried by every case event.</summary>
public sealed record Stamp(string By, DateTimeOffset At);

public static class ParticipantRoles
{
    /// <summary>Residents' own side of a case, as opposed to professionals and organisations.</summary>
    public static bool IsResidentSide(this ParticipantRole role) =>
        role is ParticipantRole.Resident or ParticipantRole.Parent or ParticipantRole.Youth or ParticipantRole.Volunteer;

    /// <summary>Whose self-reliance is measured: residents, parents and young people (not the volunteers who help them).</summary>
    public static bool IsMeasured(this ParticipantRole role) => role is ParticipantRole.Resident or ParticipantRole.Parent or ParticipantRole.Youth;
}
