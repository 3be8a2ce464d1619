using Participation.Domain.Cases;
using Participation.Domain.Cases.Agreements;
using Participation.Domain.Cases.Assigning;
using Participation.Domain.Cases.Closing;
using Participation.Domain.Cases.Connections;
using Participation.Domain.Cases.Measuring;
using Participation.Domain.Cases.Opening;
using Participation.Domain.Cases.Participants;
using Participation.Domain.Cases.Phases;
using Participation.Domain.Cases.RecordingContacts;
using Participation.Domain.Cases.Strengths;
using Participation.Domain.Cases.Suspending;
using Participation.Host.Http;

namespace Participation.Host.Cases;

/// <summary>An example body for every case command in the OpenAPI document: a parent-participation case in Nieuw-West.</summary>
public static class CaseCommandExamples
{
    private static readonly Guid Fatima = Guid.Parse("01930c2e-7b1a-7c3d-9e4f-5a6b7c8d9e01");
    private static readonly Guid Henk = Guid.Parse("01930c2e-7b1a-7c3d-9e4f-5a6b7c8d9e02");

    public static IServiceCollection AddCaseCommandExamples(this IServiceCollection services) => services
        .AddRequestExample(new OpenCase(CaseDomain.Ouderparticipatie, new Neighbourhood("E38", "Slotermeer-Noordoost", "Nieuw-West"),
            "Ouders organiseren een kookavond", "Moeders van de Burgemeester Fockschool willen elkaar vaker zien.", "Een vaste kookavond per maand"))
        .AddRequestExample(new AddParticipant(ParticipantRole.Parent, "Fatima Yilmaz", new ContactDetails("06-12345678", "fatima@example.nl")))
        .AddRequestExample(new RemoveParticipant("Verhuisd naar Almere"))
        .AddRequestExample(new RecordContact(new DateTimeOffset(2026, 11, 30, 19, 0, 0, TimeSpan.FromHours(1)), ContactKind.HomeVisit, [Fatima],
            "Kennismaking aan de keukentafel; Fatima wil andere moeders uitnodigen."))
        .AddRequestExample(new RecordStrength(StrengthCategory.Skills, "Kan goed koken voor grote groepen", Fatima))
        .AddRequestExample(new ConnectNetwork([Fatima, Henk], "De keuken van het buurthuis voor de kookavonden",
            new Network("Buurthuis De Honingraat", NetworkKind.Organisation)))
        .AddRequestExample(new MakeAgreement([Fatima, Henk], "Fatima kookt één keer per maand", "Henk helpt met de formulieren", new DateOnly(2027, 3, 1)))
        .AddRequestExample(new SettleAgreement("De eerste drie kookavonden zijn gehouden."))
        .AddRequestExample(new RecordMeasurement(Fatima, MeasurementMoment.Intake, new DateOnly(2026, 11, 30),
            [new DomainScore(LifeDomain.Finances, 2, 30, 20, 50), new DomainScore(LifeDomain.SocialNetwork, 3, 50, 40, 10)],
            "Schulden bij de woningcorporatie; haar zus helpt met de post."))
        .AddRequestExample(new AssignCase("j.devries"))
        .AddRequestExample(new ChangePhase(CasePhase.Strengthen))
        .AddRequestExample(new CloseCase(CaseOutcome.Achieved, "De kookavond draait zelfstandig, met vaste vrijwilligers."))
        .AddRequestExample(new ReopenCase("Nieuwe vraag van de school"))
        .AddRequestExample(new SuspendCase("Het gezin is zes weken bij familie in Marokko.", new DateOnly(2027, 1, 15)))
        .AddRequestExample(new ResumeCase("Het gezin is terug; huisbezoek gepland."));
}
