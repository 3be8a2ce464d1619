using System.Text.RegularExpressions;
using Participation.Domain.Cases;
using Xunit;
using static Participation.Domain.Tests.CaseHistory;

namespace Participation.Domain.Tests.Cases;

/// <summary>
/// The one declaration of each case event, checked against the code: adding an event type is a change in
/// the Domain plus its line in <see cref="CaseEventTypes"/>, and these tests say what else was forgotten.
/// </summary>
public sealed class CaseEventTypesTests
{
    /// <summary>One event of every declared type, about <see cref="ResidentId"/> where it is about someone.</summary>
    private static readonly ICaseEvent[] Samples =
    [
        Opened(), Joined(ResidentId), Left(ResidentId), Contacted(ResidentId), StrengthFound(ResidentId), Connected(ResidentId),
        Agreed(AgreementId, ResidentId), Fulfilled(AgreementId, ResidentId), Broken(AgreementId, ResidentId), Assigned("piet"),
        Moved(CasePhase.Engage, CasePhase.Strengthen), Closed(), Reopened(), new ParticipantErased(ResidentId, "anna", Now),
        new MeasurementRecorded(Guid.NewGuid(), ResidentId, MeasurementMoment.Intake, new DateOnly(2025, 3, 1),
            Participation.Domain.Cases.Measuring.MeasurementScores.Encode([new(LifeDomain.Housing, 3, 50, 25, 25)]), null, "anna", Now),
        new CaseSuspended("abroad", null, "anna", Now), new CaseResumed("back", Now, "anna", Now),
        new FollowUpOverdue(Participation.Domain.FollowUp.FollowUpKind.Agreement, AgreementId, Now, Participation.Domain.FollowUp.OverdueLevel.Late, "system", Now),
    ];

    [Fact]
    public void Every_case_event_of_the_domain_is_declared_once()
    {
        var events = typeof(ICaseEvent).Assembly.GetTypes().Where(t => t.IsAssignableTo(typeof(ICaseEvent)) && !t.IsInterface && !t.IsAbstract);

        Assert.Equal(events.OrderBy(t => t.Name), CaseEventTypes.All.Select(t => t.Type).OrderBy(t => t.Name));
        Assert.Equal(CaseEventTypes.All.Count, CaseEventTypes.All.Select(t => t.Type).Distinct().Count());
    }

    [Fact]
    public void Stored_names_are_unique_lower_snake_case_and_found_again()
    {
        Assert.Equal(CaseEventTypes.Names.Count, CaseEventTypes.Names.Distinct(StringComparer.Ordinal).Count());
        Assert.All(CaseEventTypes.All, type =>
        {
            Assert.Matches(new Regex("^[a-z]+(_[a-z]+)+$"), type.Name);
            Assert.Same(type, CaseEventTypes.Named(type.Name));
            Assert.Same(type, CaseEventTypes.Of(type.Type));
        });
    }

    [Fact]
    public void There_is_a_sample_of_every_declared_type()
    {
        Assert.Equal(CaseEventTypes.All.Select(t => t.Type).OrderBy(t => t.Name), Samples.Select(s => s.GetType()).OrderBy(t => t.Name));
    }

    [Fact]
    public void Every_event_carries_who_recorded_it_and_when()
    {
        Assert.All(Samples, e =>
        {
            Assert.False(string.IsNullOrWhiteSpace(e.Stamp.By), e.GetType().Name);
            Assert.NotEqual(default, e.Stamp.At);
        });
    }

    [Fact]
    public void The_decision_state_knows_every_event()
    {
        var state = CaseSpecification.Fold([Opened(), Joined(ResidentId), Agreed(AgreementId, ResidentId)])!;

        Assert.All(Samples.Where(e => e is not CaseOpened), e => Case.Evolve(state, e));
        Assert.NotNull(Case.Evolve(null, Opened()));
    }

    [Fact]
    public void The_decision_state_fails_loudly_on_an_event_it_does_not_know()
    {
        var state = CaseSpecification.Fold([Opened()])!;

        var error = Assert.Throws<InvalidOperationException>(() => Case.Evolve(state, new UndeclaredEvent(new Stamp("anna", Now))));
        Assert.Contains(nameof(UndeclaredEvent), error.Message);
    }

    [Fact]
    public void Personal_texts_are_passed_through_the_transformation_and_nothing_else_is()
    {
        Assert.All(Samples, e =>
        {
            var type = CaseEventTypes.Of(e);
            var marked = type.WithPersonalText(e, text => "«" + text + "»");
            if (!type.HoldsPersonalData)
            {
                Assert.Same(e, marked);
                Assert.Empty(type.Subjects(e));
                return;
            }
            Assert.Equal([ResidentId], type.Subjects(e));
            Assert.NotEqual(e, marked);
            Assert.Equal(e, type.WithPersonalText(marked, text => text.Trim('«', '»')));
            Assert.Equal(e.Stamp, marked.Stamp);
        });
    }

    [Fact]
    public void Text_about_nobody_is_not_personal()
    {
        var strength = StrengthFound(participantId: null);

        Assert.Empty(CaseEventTypes.Of(strength).Subjects(strength));
        Assert.Same(strength, CaseEventTypes.Of(strength).WithPersonalText(strength, _ => "changed"));
    }

    [Fact]
    public void An_undeclared_type_is_named_in_the_error()
    {
        var error = Assert.Throws<InvalidOperationException>(() => CaseEventTypes.Of(typeof(UndeclaredEvent)));
        Assert.Contains(nameof(UndeclaredEvent), error.Message);
    }

    private sealed record UndeclaredEvent(Stamp Stamp) : ICaseEvent;
}
