namespace Participation.Domain.FollowUp;

/// <summary>
/// The public holidays that are no working day for a deadline, as the contract lists them (API.md, follow-up): New Year's
/// Day, Good Friday, Easter Monday, King's Day, Liberation Day (every year), Ascension Day, Whit Monday, Christmas Day and
/// Boxing Day (Easter and Whit Sunday are Sundays). Computed for any year.
/// </summary>
public static class DutchHolidays
{
    public static IReadOnlyList<DateOnly> Of(int year)
    {
        var easter = EasterSunday(year);
        return
        [
            new DateOnly(year, 1, 1), easter.AddDays(-2), easter.AddDays(1), KingsDay(year), new DateOnly(year, 5, 5), easter.AddDays(39),
            easter.AddDays(50), new DateOnly(year, 12, 25), new DateOnly(year, 12, 26),
        ];
    }

    public static bool IsHoliday(DateOnly date) => Of(date.Year).Contains(date);

    /// <summary>The 27th of April, or the 26th when the 27th is a Sunday.</summary>
    public static DateOnly KingsDay(int year)
    {
        var day = new DateOnly(year, 4, 27);
        return day.DayOfWeek == DayOfWeek.Sunday ? day.AddDays(-1) : day;
    }

    /// <summary>Easter Sunday of the Gregorian calendar (the anonymous algorithm of Meeus, Jones and Butcher).</summary>
    public static DateOnly EasterSunday(int year)
    {
        int a = year % 19, b = year / 100, c = year % 100, d = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3;
        var h = (19 * a + b - d - g + 15) % 30;
        int i = c / 4, k = c % 4;
        var l = (32 + 2 * e + 2 * i - h - k) % 7;
        var m = (a + 11 * h + 22 * l) / 451;
        var month = (h + l - 7 * m + 114) / 31;
        var day = (h + l - 7 * m + 114) % 31 + 1;
        return new DateOnly(year, month, day);
    }
}
