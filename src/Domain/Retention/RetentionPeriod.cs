using System.Globalization;
using System.Text.RegularExpressions;

namespace Participation.Domain.Retention;

/// <summary>
/// How long a closed case is kept (Archiefwet, the municipal selection list): an ISO-8601 duration in calendar terms
/// (<c>P20Y</c>, <c>P7Y</c>, <c>P6M</c>, <c>P30D</c>, <c>P1Y6M</c>), counted from the day the case was closed.
/// </summary>
public sealed partial record RetentionPeriod(int Years, int Months, int Days)
{
    public static bool TryParse(string? text, out RetentionPeriod period)
    {
        period = new RetentionPeriod(0, 0, 0);
        if (text is null || Iso().Match(text.Trim()) is not { Success: true } match || match.Length <= 1) return false;
        int Part(string name) => match.Groups[name].Success ? int.Parse(match.Groups[name].Value, CultureInfo.InvariantCulture) : 0;
        period = new RetentionPeriod(Part("y"), Part("m"), Part("w") * 7 + Part("d"));
        return true;
    }

    /// <summary>The moment the period of a case closed at <paramref name="closedAt"/> ends.</summary>
    public DateTimeOffset EndOf(DateTimeOffset closedAt) => closedAt.AddYears(Years).AddMonths(Months).AddDays(Days);

    /// <summary>Whether a case closed at <paramref name="closedAt"/> is due for destruction at <paramref name="now"/>.</summary>
    public bool HasPassed(DateTimeOffset closedAt, DateTimeOffset now) => EndOf(closedAt) <= now;

    public override string ToString() =>
        "P" + (Years > 0 ? $"{Years}Y" : "") + (Months > 0 ? $"{Months}M" : "") + (Days > 0 || Years + Months == 0 ? $"{Days}D" : "");

    [GeneratedRegex(@"^P(?:(?<y>\d{1,4})Y)?(?:(?<m>\d{1,5})M)?(?:(?<w>\d{1,5})W)?(?:(?<d>\d{1,6})D)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Iso();
}
