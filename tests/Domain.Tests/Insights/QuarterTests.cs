using Participation.Domain.Insights;
using Xunit;

namespace Participation.Domain.Tests.Insights;

public sealed class QuarterTests
{
    [Theory]
    [InlineData("2026-01-01", "2026-Q1")]
    [InlineData("2026-03-31", "2026-Q1")]
    [InlineData("2026-04-01", "2026-Q2")]
    [InlineData("2026-09-30", "2026-Q3")]
    [InlineData("2026-12-31", "2026-Q4")]
    public void A_day_falls_in_its_calendar_quarter(string day, string quarter) =>
        Assert.Equal(quarter, Quarter.Of(DateOnly.Parse(day)).ToString());

    [Fact]
    public void Quarters_count_on_across_years_and_read_back_as_written()
    {
        var quarter = new Quarter(2026, 4);
        Assert.Equal(new Quarter(2027, 1), quarter.Next);
        Assert.Equal(quarter, Quarter.FromIndex(quarter.Index));
        Assert.Equal((new DateOnly(2026, 10, 1), new DateOnly(2026, 12, 31)), (quarter.FirstDay, quarter.LastDay));
        Assert.Equal(new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero), quarter.Next.Start);
        Assert.True(Quarter.TryParse("2026-Q4", out var parsed) && parsed == quarter);
        // The quarter a moment falls in is the UTC one: 23:30 in Amsterdam on New Year's Eve is 22:30 UTC, still the old year.
        Assert.Equal(new Quarter(2026, 4), Quarter.Of(new DateTimeOffset(2026, 12, 31, 23, 30, 0, TimeSpan.FromHours(1))));
    }

    [Theory]
    [InlineData("2026-Q5")]
    [InlineData("2026-Q0")]
    [InlineData("2026Q3")]
    [InlineData("26-Q3")]
    [InlineData("")]
    public void Anything_else_is_no_quarter(string text) => Assert.False(Quarter.TryParse(text, out _));
}
