using Participation.Domain.Cases;

namespace Participation.Domain.Networks;

/// <summary>
/// The fields that describe a network. A network holds no personal data, so nothing here is free text about people:
/// a name, a kind, where it is active, the body that hosts it, and one <c>description</c> of what it does.
/// </summary>
public static class NetworkValidation
{
    public const int MaxNeighbourhoods = 100;

    public static CommandValidation NetworkFields(this CommandValidation validation, string? name, NetworkKind? kind,
        IReadOnlyList<Neighbourhood>? activeIn, string? description, string? organisation, bool required)
    {
        validation.Text("name", name, required: required)
            .Text("description", description, CommandValidation.LongText, required: false)
            .Text("organisation", organisation, required: false);
        if (kind is { } k) validation.Defined("kind", k);
        else if (required) validation.Check(false, "kind", "is required");
        if (activeIn is null) return required ? validation.Check(false, "activeIn", "needs at least one neighbourhood") : validation;
        validation.Check(activeIn.Count is > 0 and <= MaxNeighbourhoods, "activeIn", $"needs between 1 and {MaxNeighbourhoods} neighbourhoods");
        for (var i = 0; i < activeIn.Count; i++) validation.Neighbourhood($"activeIn[{i}]", activeIn[i]);
        return validation;
    }

    /// <summary>Each neighbourhood once, by its code, as given.</summary>
    public static IReadOnlyList<Neighbourhood> Distinct(IReadOnlyList<Neighbourhood> activeIn) =>
        activeIn.Select(n => n with { Code = n.Code.Trim(), Name = n.Name.Trim(), District = n.District.Trim() })
            .DistinctBy(n => n.Code, StringComparer.OrdinalIgnoreCase).ToArray();
}
