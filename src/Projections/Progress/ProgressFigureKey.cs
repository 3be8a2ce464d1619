using System.Text;

namespace Participation.Projections.Progress;

/// <summary>
/// The key of a figure cell, made of parts (a domain, phase and status; a neighbourhood's code and status; its code, name and
/// district) and stored as one text: the parts joined by <c>/</c>, with a <c>/</c> or <c>\</c> inside a part escaped by a
/// <c>\</c>. So a code or district holding a <c>/</c> reads back as the parts written, and a key of names without either
/// (the enums' names) is the names themselves, as the readers ask for them.
/// </summary>
public readonly record struct ProgressFigureKey(string Text)
{
    private const char Separator = '/', Escape = '\\';

    public static ProgressFigureKey Of(params string[] parts) => new(string.Join(Separator, parts.Select(Escaped)));

    public IReadOnlyList<string> Parts
    {
        get
        {
            var parts = new List<string>();
            var part = new StringBuilder();
            for (var i = 0; i < Text.Length; i++)
            {
                if (Text[i] == Escape && i + 1 < Text.Length) part.Append(Text[++i]);
                else if (Text[i] == Separator)
                {
                    parts.Add(part.ToString());
                    part.Clear();
                }
                else part.Append(Text[i]);
            }
            parts.Add(part.ToString());
            return parts;
        }
    }

    public override string ToString() => Text;

    private static string Escaped(string part) =>
        part.Replace($"{Escape}", $"{Escape}{Escape}", StringComparison.Ordinal).Replace($"{Separator}", $"{Escape}{Separator}", StringComparison.Ordinal);
}
