namespace Participation.Domain.FollowUp;

/// <summary>How a norm's span is counted: calendar days, or working days (Monday to Friday, no <see cref="DutchHolidays"/>).</summary>
public enum DayCount { Calendar, Working }

public static class WorkingDays
{
    public static bool IsWorkingDay(DateOnly date) =>
        date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !DutchHolidays.IsHoliday(date);

    /// <summary>The day <paramref name="days"/> days after <paramref name="from"/>, counted as <paramref name="count"/> says; a working-day deadline always lands on a working day.</summary>
    public static DateOnly After(DateOnly from, int days, DayCount count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        if (count == DayCount.Calendar) return from.AddDays(days);
        var date = from;
        for (var counted = 0; counted < days;)
        {
            date = date.AddDays(1);
            if (IsWorkingDay(date)) counted++;
        }
        return date;
    }

    /// <summary>The working days after <paramref name="from"/> up to and including <paramref name="to"/> (0 when <paramref name="to"/> is not later).</summary>
    public static int Between(DateOnly from, DateOnly to)
    {
        var days = 0;
        for (var date = from.AddDays(1); date <= to; date = date.AddDays(1))
            if (IsWorkingDay(date)) days++;
        return days;
    }
}
