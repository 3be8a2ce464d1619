using System.Globalization;
using System.Text.RegularExpressions;

namespace Participation.Domain.Insights;

/// <summary>
/// A calendar quarter (<c>2026-Q3</c>), the period of the published figures. Quarters are counted in UTC, as every other
/// period of the API; <see cref="Index"/> numbers them in order, so a quarter can be a column and a range.
/// </summary>
public readonly partial record struct Quarter(int Year, int Number)
{
    public int Index => Year * 4 + Number - 1;

    public static Quarter FromIndex(int index) => new(index / 4, index % 4 + 1);

    public static Quarter Of(DateTimeOffset moment) => Of(DateOnly.FromDateTime(moment.UtcDateTime));

    public static Quarter Of(DateOnly day) => new(day.Year, (day.Month - 1) / 3 + 1);

    public DateOnly FirstDay => new(Year, (Number - 1) * 3 + 1, 1);

    public DateOnly LastDay => FirstDay.AddMonths(3).AddDays(-1);

    /// <summary>The quarter's first moment (inclusive) in UTC.</summary>
    public DateTimeOffset Start => new(FirstDay.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    public Quarter Next => FromIndex(Index + 1);

    public static bool TryParse(string? text, out Quarter quarter)
    {
        quarter = default;
        if (text is null || Pattern().Match(text.Trim()) is not { Success: true } match) return false;
        quarter = new Quarter(int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), match.Groups[2].Value[0] - '0');
        return true;
    }

    public override string ToString() => $"{Year:D4}-Q{Number}";

    [GeneratedRegex("^([0-9]{4})-Q([1-4])$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
