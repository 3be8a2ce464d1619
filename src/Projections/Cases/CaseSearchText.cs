namespace Participation.Projections.Cases;

/// <summary>
/// What the case list's text search (<c>q</c>) matches: the lower-cased title, description and neighbourhood, in a row
/// of its own written once when the case opens (no later event changes them). The summary every command rewrites then
/// carries no trigram index, which took about a third of each command's summary update (ADR 23).
/// </summary>
public sealed class CaseSearchText
{
    public Guid Id { get; set; }
    public string Text { get; set; } = "";

    public static CaseSearchText Of(Domain.Cases.CaseOpened opened) => new()
    {
        Id = opened.CaseId,
        Text = string.Join(' ', opened.Title, opened.Description, opened.Neighbourhood.Code, opened.Neighbourhood.Name,
            opened.Neighbourhood.District).ToLowerInvariant(),
    };
}
