using Participation.Domain.Cases;
using Participation.Domain.FollowUp;
using Xunit;
using static Participation.Domain.Tests.CaseHistory;

namespace Participation.Domain.Tests.FollowUp;

public class NormsTests
{
    private static readonly Norm Everything = new(null, null, 60, 21, DayCount.Working);
    private static readonly Norm YouthCare = new(CaseDomain.Jeugdzorg, null, null, 10);
    private static readonly Norm Engaging = new(null, CasePhase.Engage, 15, null, DayCount.Working);
    private static readonly Norm YouthCareEngaging = new(CaseDomain.Jeugdzorg, CasePhase.Engage, 5, null);

    [Fact]
    public void The_most_specific_norm_that_sets_a_span_applies()
    {
        var norms = TenantNorms.From(new SetNorms([Everything, YouthCare, Engaging, YouthCareEngaging], 90).Decide(Anna));

        Assert.Equal((5, DayCount.Calendar), norms.MaxDaysInPhase(CaseDomain.Jeugdzorg, CasePhase.Engage));
        Assert.Equal((10, DayCount.Calendar), norms.MaxDaysWithoutContact(CaseDomain.Jeugdzorg, CasePhase.Engage));
        Assert.Equal((15, DayCount.Working), norms.MaxDaysInPhase(CaseDomain.Sport, CasePhase.Engage));
        Assert.Equal((60, DayCount.Working), norms.MaxDaysInPhase(CaseDomain.Sport, CasePhase.Connect));
        Assert.Equal((21, DayCount.Working), norms.MaxDaysWithoutContact(CaseDomain.Sport, CasePhase.Connect));
        Assert.Equal(90, norms.RemeasureAfterDays);
    }

    [Fact]
    public void Without_norms_a_tenant_keeps_thirty_calendar_days_without_contact()
    {
        foreach (var norms in new[] { TenantNorms.From(null), TenantNorms.From(new SetNorms([]).Decide(Anna)) })
        {
            Assert.Equal((30, DayCount.Calendar), norms.MaxDaysWithoutContact(CaseDomain.Sport, CasePhase.Strengthen));
            Assert.Null(norms.MaxDaysInPhase(CaseDomain.Sport, CasePhase.Strengthen));
        }
    }

    [Fact]
    public void Spans_are_positive_each_scope_once_and_every_value_known()
    {
        static InvalidCommand Refused(SetNorms command) => Assert.Throws<InvalidCommand>(() => command.Decide(Anna));

        Assert.Contains("norms[0].maxDaysInPhase", Refused(new([Everything with { MaxDaysInPhase = 0 }])).Errors.Keys);
        Assert.Contains("norms[0].maxDaysWithoutContact", Refused(new([Everything with { MaxDaysWithoutContact = -3 }])).Errors.Keys);
        Assert.Contains("norms[0]", Refused(new([new Norm(null, null, null, null)])).Errors.Keys);
        Assert.Contains("norms", Refused(new([Everything, Everything with { MaxDaysInPhase = 5 }])).Errors.Keys);
        Assert.Contains("norms[0].domain", Refused(new([YouthCare with { Domain = (CaseDomain)7 }])).Errors.Keys);
        Assert.Contains("norms[0].dayKind", Refused(new([YouthCare with { DayKind = (DayCount)7 }])).Errors.Keys);
        Assert.Contains("remeasureAfterDays", Refused(new([Everything], 0)).Errors.Keys);
    }
}
