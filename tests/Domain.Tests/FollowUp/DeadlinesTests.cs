using Participation.Domain.Cases;
using Participation.Domain.FollowUp;
using Xunit;
using static Participation.Domain.Tests.CaseHistory;
using static Participation.Domain.Tests.CaseSpecification;

namespace Participation.Domain.Tests.FollowUp;

public class DeadlinesTests
{
    private static readonly DateTimeOffset OpenedAt = Opened().OpenedAt;
    private static readonly TenantNorms Norms = TenantNorms.Default;

    private static Deadline Contact(Case state, DateTimeOffset now, TenantNorms? norms = null) =>
        Deadlines.Of(state, norms ?? Norms, now).Single(d => d.Kind == FollowUpKind.Contact);

    [Fact]
    public void A_new_case_is_due_for_contact_30_days_after_opening_and_three_times_late_after_90()
    {
        var deadline = Contact(Fold([Opened()])!, OpenedAt);
        Assert.Equal(new Deadline(FollowUpKind.Contact, null, OpenedAt.AddDays(30), OpenedAt.AddDays(90)), deadline);
        Assert.Equal(Punctuality.OnTime, deadline.StatusAt(OpenedAt.AddDays(29)));
        Assert.Equal(Punctuality.Late, deadline.StatusAt(OpenedAt.AddDays(30)));
        Assert.Equal(Punctuality.LateThreeTimes, deadline.StatusAt(OpenedAt.AddDays(90)));
    }

    [Fact]
    public void A_contact_moment_starts_the_contact_clock_again_from_when_it_happened()
    {
        var contact = Contacted(ResidentId);
        Assert.Equal(contact.OccurredAt.AddDays(30), Contact(Fold([Opened(), Joined(ResidentId), contact])!, Now).DueAt);
    }

    [Fact]
    public void A_suspension_moves_a_running_deadline_by_its_length_and_one_after_the_deadline_moves_nothing()
    {
        var during = Fold([Opened(), new CaseSuspended("abroad", null, "anna", OpenedAt.AddDays(10)), new CaseResumed("back", OpenedAt.AddDays(10), "anna", OpenedAt.AddDays(25))])!;
        Assert.Equal(OpenedAt.AddDays(45), Contact(during, Now).DueAt);
        Assert.Equal(OpenedAt.AddDays(105), Contact(during, Now).LateThreeTimesAt);

        var after = Fold([Opened(), new CaseSuspended("abroad", null, "anna", OpenedAt.AddDays(40)), new CaseResumed("back", OpenedAt.AddDays(40), "anna", OpenedAt.AddDays(50))])!;
        Assert.Equal(OpenedAt.AddDays(30), Contact(after, Now).DueAt);
    }

    [Fact]
    public void While_suspended_the_deadline_moves_with_the_clock_and_nothing_is_overdue()
    {
        var state = Fold([Opened(), new CaseSuspended("abroad", null, "anna", OpenedAt.AddDays(10))])!;
        Assert.Equal(OpenedAt.AddDays(30 + 50), Contact(state, OpenedAt.AddDays(60)).DueAt);
        Assert.Empty(Deadlines.OverdueAt(state, Norms, OpenedAt.AddDays(200), "system"));
        Assert.Null(Deadlines.NextCheckAt(state, Norms, OpenedAt.AddDays(200)));
    }

    [Fact]
    public void Each_level_is_due_once_and_then_the_timer_points_at_the_next()
    {
        var state = Fold([Opened()])!;
        var late = Assert.Single(Deadlines.OverdueAt(state, Norms, OpenedAt.AddDays(31), "system"));
        Assert.Equal(new FollowUpOverdue(FollowUpKind.Contact, null, OpenedAt.AddDays(30), OverdueLevel.Late, "system", OpenedAt.AddDays(31)), late);
        var recorded = Case.Evolve(state, late);
        Assert.Empty(Deadlines.OverdueAt(recorded, Norms, OpenedAt.AddDays(31), "system"));
        Assert.Equal(OpenedAt.AddDays(90), Deadlines.NextCheckAt(recorded, Norms, OpenedAt.AddDays(31)));
    }

    [Fact]
    public void A_closed_case_has_no_deadlines() =>
        Assert.Empty(Deadlines.Of(Fold([Opened(), Closed()])!, Norms, Now));

    [Fact]
    public void Working_days_skip_weekends_and_holidays_and_keep_the_time_of_day()
    {
        var norms = new TenantNorms([new Norm(null, null, null, 3, DayCount.Working)], null);
        // Thursday 24 April 2025, 10:00: Friday, then Monday; King's Day is Saturday 26 April; Monday 28 April is a working day.
        var thursday = new DateTimeOffset(2025, 4, 24, 10, 0, 0, TimeSpan.Zero);
        var state = Fold([Opened() with { OpenedAt = thursday }])!;
        Assert.Equal(new DateTimeOffset(2025, 4, 29, 10, 0, 0, TimeSpan.Zero), Contact(state, thursday, norms).DueAt);
    }

    [Fact]
    public void An_open_agreement_is_due_at_the_end_of_its_day_and_a_settled_one_not_at_all()
    {
        var made = new AgreementMade(AgreementId, [ResidentId], "cooks", null, new DateOnly(2025, 3, 20), "anna", Now);
        var open = Fold([Opened(), Joined(ResidentId), made])!;
        var deadline = Deadlines.Of(open, Norms, Now).Single(d => d.Kind == FollowUpKind.Agreement);
        Assert.Equal((AgreementId, new DateTimeOffset(2025, 3, 21, 0, 0, 0, TimeSpan.Zero)), (deadline.Ref!.Value, deadline.DueAt));
        var settled = Fold([Opened(), Joined(ResidentId), made, Fulfilled(AgreementId, ResidentId)])!;
        Assert.DoesNotContain(Deadlines.Of(settled, Norms, Now), d => d.Kind == FollowUpKind.Agreement);
    }

    [Fact]
    public void A_state_stored_before_deadlines_existed_has_no_contact_or_phase_deadline_to_count_from()
    {
        var old = Fold([Opened()])! with { QuietSince = default, PhaseSince = default };
        Assert.Empty(Deadlines.Of(old, new TenantNorms([new Norm(null, null, 10, 10)], null), Now));
    }
}
