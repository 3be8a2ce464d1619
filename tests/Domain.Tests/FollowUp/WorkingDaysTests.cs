using Participation.Domain.FollowUp;
using Xunit;

namespace Participation.Domain.Tests.FollowUp;

public class WorkingDaysTests
{
    [Theory]
    [InlineData(2019, "2019-04-21")]
    [InlineData(2024, "2024-03-31")]
    [InlineData(2025, "2025-04-20")]
    [InlineData(2026, "2026-04-05")]
    [InlineData(2027, "2027-03-28")]
    [InlineData(2028, "2028-04-16")]
    [InlineData(2038, "2038-04-25")]
    [InlineData(2285, "2285-03-22")]
    public void Easter_follows_the_calendar_rule(int year, string easter) =>
        Assert.Equal(DateOnly.Parse(easter), DutchHolidays.EasterSunday(year));

    [Theory]
    [InlineData(2024, "2024-04-27")]
    [InlineData(2025, "2025-04-26")] // the 27th is a Sunday
    [InlineData(2026, "2026-04-27")]
    [InlineData(2031, "2031-04-26")] // the 27th is a Sunday
    public void Kings_day_is_the_26th_when_the_27th_is_a_Sunday(int year, string kingsDay) =>
        Assert.Equal(DateOnly.Parse(kingsDay), DutchHolidays.KingsDay(year));

    [Fact]
    public void The_holidays_of_2026_are_those_the_contract_lists()
    {
        string[] expected =
        [
            "2026-01-01", "2026-04-03", "2026-04-06", "2026-04-27", "2026-05-05", "2026-05-14", "2026-05-25", "2026-12-25", "2026-12-26",
        ];
        Assert.Equal(expected.Select(DateOnly.Parse), DutchHolidays.Of(2026));
        Assert.True(DutchHolidays.IsHoliday(new DateOnly(2027, 5, 5))); // Liberation Day every year, not only in lustrum years
    }

    [Theory]
    [InlineData("2026-04-02", 1, "2026-04-07")] // Thursday + 1: Good Friday, the weekend and Easter Monday pass
    [InlineData("2026-05-22", 1, "2026-05-26")] // Friday + 1: the weekend and Whit Monday pass
    [InlineData("2026-04-24", 2, "2026-04-29")] // King's Day on Monday 27 April
    [InlineData("2026-05-04", 1, "2026-05-06")] // Liberation Day
    [InlineData("2026-05-13", 1, "2026-05-15")] // Ascension Day
    [InlineData("2026-12-24", 1, "2026-12-28")] // Christmas Day on Friday, Boxing Day on Saturday, then Sunday
    [InlineData("2026-12-31", 1, "2027-01-04")] // New Year's Day on Friday, then the weekend
    [InlineData("2026-06-01", 10, "2026-06-15")] // two plain weeks
    [InlineData("2026-06-06", 0, "2026-06-06")] // no days: the day itself, even a Saturday
    public void A_span_of_working_days_skips_weekends_and_holidays(string from, int days, string expected) =>
        Assert.Equal(DateOnly.Parse(expected), WorkingDays.After(DateOnly.Parse(from), days, DayCount.Working));

    [Fact]
    public void Calendar_days_count_every_day_and_between_counts_back_what_after_added()
    {
        Assert.Equal(new DateOnly(2026, 4, 10), WorkingDays.After(new DateOnly(2026, 4, 3), 7, DayCount.Calendar));
        for (var year = 2024; year <= 2032; year++)
        {
            var from = new DateOnly(year, 3, 20);
            Assert.Equal(40, WorkingDays.Between(from, WorkingDays.After(from, 40, DayCount.Working)));
        }
        Assert.Equal(0, WorkingDays.Between(new DateOnly(2026, 5, 1), new DateOnly(2026, 4, 1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => WorkingDays.After(new DateOnly(2026, 1, 1), -1, DayCount.Working));
    }
}
