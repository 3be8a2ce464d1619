using Microsoft.Extensions.Options;
using Participation.Domain.Cases;
using Participation.Domain.Retention;
using Participation.Host.Retention;
using Participation.Host.Tests.Support;

namespace Participation.Host.Tests.Retention;

/// <summary><c>Retention:Periods:&lt;domain&gt;</c> is checked when the Host starts: a period that is no ISO-8601 duration, or names no domain, is refused.</summary>
public sealed class RetentionPeriodsTests
{
    [Theory]
    [InlineData("Retention:Periods:jeugdzorg", "20 jaar")]
    [InlineData("Retention:Periods:jeugdzorg", "P")]
    [InlineData("Retention:Periods:zwemmen", "P7Y")]
    public async Task A_period_that_is_not_a_duration_of_a_domain_stops_the_host_from_starting(string setting, string value)
    {
        var failure = await TestHost.StartFailureAsync<OptionsValidationException>("retention_periods_tests", (setting, value));
        Assert.Contains(setting, failure.Message);
    }

    [Fact]
    public async Task Youth_care_is_kept_twenty_years_and_the_others_seven_unless_set()
    {
        await using var host = await TestHost.QuietAsync("retention_periods_tests", ("Retention:Periods:sport", "P6M"));
        var options = host.Services.GetRequiredService<IOptions<RetentionOptions>>().Value;
        Assert.Equal(("P20Y", "P7Y", "P6M"),
            (options.PeriodOf(CaseDomain.Jeugdzorg).ToString(), options.PeriodOf(CaseDomain.Ouderparticipatie).ToString(), options.PeriodOf(CaseDomain.Sport).ToString()));
        var closed = new DateTimeOffset(2020, 2, 29, 12, 0, 0, TimeSpan.Zero);
        Assert.False(options.PeriodOf(CaseDomain.Jeugdzorg).HasPassed(closed, closed.AddYears(20).AddTicks(-1)));
        Assert.True(options.PeriodOf(CaseDomain.Jeugdzorg).HasPassed(closed, closed.AddYears(20)));
        Assert.True(RetentionPeriod.TryParse("P1Y2M3W4D", out var mixed) && mixed == new RetentionPeriod(1, 2, 25));
    }
}
