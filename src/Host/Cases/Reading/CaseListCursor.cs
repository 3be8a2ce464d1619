using System.Buffers.Text;
using System.Globalization;
using System.Text;
using Participation.Projections.Cases;

namespace Participation.Host.Cases.Reading;

/// <summary>
/// Where a page of the list ended: the sort it was taken in, the last case's value of the sort key and its id (the
/// tie-breaker). Opaque to clients (base64url), so its form may change; it answers the next page by a seek in the sort's
/// index instead of skipping every earlier row (ADR 20).
/// </summary>
public sealed record CaseListCursor(string Sort, string Value, Guid Id)
{
    public string Encode() => Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{Sort}\n{Id:N}\n{Value}"));

    public static CaseListCursor? Decode(string cursor)
    {
        try
        {
            var parts = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor)).Split('\n', 3);
            return parts.Length == 3 && Guid.TryParseExact(parts[1], "N", out var id) ? new CaseListCursor(parts[0], parts[2], id) : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>The cursor after <paramref name="last"/> in <paramref name="sort"/>.</summary>
    public static CaseListCursor After(CaseSummary last, string sort) => new(sort, KeyOf(last, sort.TrimStart('-')), last.Id);

    /// <summary>The value the cursor holds, typed as its column compares it.</summary>
    public object TypedValue => Sort.TrimStart('-') switch
    {
        "openedAt" or "lastActivityAt" => DateTimeOffset.Parse(Value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
        _ => Value,
    };

    private static string KeyOf(CaseSummary c, string sort) => sort switch
    {
        "openedAt" => c.OpenedAt.ToString("O", CultureInfo.InvariantCulture),
        "lastActivityAt" => c.LastActivityAt.ToString("O", CultureInfo.InvariantCulture),
        "title" => c.Title,
        "neighbourhood" => c.Neighbourhood.Name,
        _ => c.Phase.ToString(),
    };
}
