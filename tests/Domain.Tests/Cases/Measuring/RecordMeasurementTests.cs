using Participation.Domain.Cases;
using Participation.Domain.Cases.Measuring;
using Xunit;
using static Participation.Domain.Tests.CaseHistory;
using static Participation.Domain.Tests.CaseSpecification;

namespace Participation.Domain.Tests.Cases.Measuring;

public class RecordMeasurementTests
{
    private static readonly Guid MeasurementId = Guid.Parse("b0000000-0000-0000-0000-000000000009");
    private static readonly DateOnly Today = DateOnly.FromDateTime(Now.UtcDateTime);
    private static readonly DomainScore Money = new(LifeDomain.Finances, 2, 30, 20, 50);
    private static readonly DomainScore Friends = new(LifeDomain.SocialNetwork, 4, 60, 40, 0);

    private static RecordMeasurement Valid(params DomainScore[] domains) =>
        new(ResidentId, MeasurementMoment.Intake, Today, domains.Length == 0 ? [Money, Friends] : domains, "Schulden bij de woningcorporatie");

    [Fact]
    public void Records_the_scores_and_the_note_as_structured_personal_texts()
    {
        var events = Fold(WithParticipants()) is { } state ? Valid().Decide(state, MeasurementId, Anna) : [];

        var recorded = Assert.IsType<MeasurementRecorded>(Assert.Single(events));
        Assert.Equal((MeasurementId, ResidentId, MeasurementMoment.Intake, Today), (recorded.MeasurementId, recorded.ParticipantId, recorded.Moment, recorded.MeasuredOn));
        Assert.True(StructuredText.IsStructured(recorded.Domains));
        Assert.Equal([Money, Friends], MeasurementScores.Decode(recorded.Domains));
        Assert.Equal("\u0001\"Schulden bij de woningcorporatie\"", recorded.Note);
        Assert.Equal([ResidentId], CaseEventTypes.Of(recorded).Subjects(recorded));
    }

    [Fact]
    public void Counts_measurements_in_the_state() =>
        Assert.Equal(1, Fold([.. WithParticipants(), Valid().Decide(Fold(WithParticipants())!, MeasurementId, Anna)[0]])!.Measurements);

    [Theory]
    [InlineData(0, 30, 20, 50, "domains[0].level")]
    [InlineData(6, 30, 20, 50, "domains[0].level")]
    [InlineData(3, 30, 20, 40, "domains[0].ownShare")]
    [InlineData(3, -10, 60, 50, "domains[0].ownShare")]
    public void Rejects_a_level_outside_1_to_5_and_shares_that_do_not_add_up_to_100(int level, int own, int network, int professional, string field) =>
        Given(WithParticipants())
            .When(state => Valid(new DomainScore(LifeDomain.Housing, level, own, network, professional)).Decide(state, MeasurementId, Anna))
            .ThenInvalid(field);

    [Fact]
    public void Rejects_a_domain_twice_an_unknown_domain_no_domains_and_a_date_in_the_future()
    {
        Given(WithParticipants()).When(state => Valid(Money, Money with { Level = 3 }).Decide(state, MeasurementId, Anna)).ThenInvalid("domains");
        Given(WithParticipants()).When(state => Valid(Money with { Domain = (LifeDomain)99 }).Decide(state, MeasurementId, Anna)).ThenInvalid("domains[0].domain");
        Given(WithParticipants()).When(state => (Valid() with { Domains = [] }).Decide(state, MeasurementId, Anna)).ThenInvalid("domains");
        Given(WithParticipants()).When(state => (Valid() with { MeasuredOn = Today.AddDays(3) }).Decide(state, MeasurementId, Anna)).ThenInvalid("measuredOn");
        Given(WithParticipants()).When(state => (Valid() with { Moment = (MeasurementMoment)9, Note = "x\u0002" }).Decide(state, MeasurementId, Anna))
            .ThenInvalid("moment", "note");
    }

    [Fact]
    public void Only_an_active_resident_parent_or_youth_is_measured()
    {
        Given(WithParticipants()).When(state => (Valid() with { ParticipantId = ProfessionalId }).Decide(state, MeasurementId, Anna))
            .ThenRejected(CaseRules.NotMeasurable);
        Given(WithParticipants()).When(state => (Valid() with { ParticipantId = VolunteerId }).Decide(state, MeasurementId, Anna))
            .ThenRejected(CaseRules.InactiveParticipant);
        Given(WithParticipants()).When(state => (Valid() with { ParticipantId = UnknownId }).Decide(state, MeasurementId, Anna))
            .ThenRejected(CaseRules.UnknownParticipant);
        Given([.. InConnect(), Closed(CaseOutcome.Achieved, CasePhase.Connect)]).When(state => Valid().Decide(state, MeasurementId, Anna))
            .ThenRejected(CaseRules.CaseClosed);
    }
}
