using System.Globalization;
using System.Text;

namespace Participation.Host.Http;

/// <summary>
/// RFC 4180 fields and records: comma-separated, CRLF line ends, a field quoted when it holds a comma,
/// quote, CR or LF, with quotes doubled. Text that a spreadsheet would run as a formula (starting with
/// =, +, -, @, tab or CR) gets a leading apostrophe (OWASP's advice against CSV injection).
/// </summary>
public static class Csv
{
    public const string ContentType = "text/csv; charset=utf-8";
    public static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];

    public static string Record(params string?[] fields) => string.Join(',', fields.Select(Field)) + "\r\n";

    public static string Field(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "";
        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
    }

    /// <summary>Free text as a spreadsheet should show it, never evaluate it.</summary>
    public static string? Text(string? value) =>
        value is [ '=' or '+' or '-' or '@' or '\t' or '\r', .. ] ? "'" + value : value;

    public static string Time(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static readonly Encoding Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
}
