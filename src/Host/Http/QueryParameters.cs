using Participation.Domain.Cases;

namespace Participation.Host.Http;

/// <summary>The optional filters of a list's query string, read and checked the same way on every list.</summary>
public static class QueryParameters
{
    public static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>A text filter, trimmed; one with control characters is an error of <paramref name="field"/>.</summary>
    public static string? Text(string field, string? value, IDictionary<string, string[]> errors)
    {
        if (Blank(value) is not { } given) return null;
        if (given.Length > CommandValidation.ShortText) errors[field] = [$"may be at most {CommandValidation.ShortText} characters"];
        else if (CommandValidation.HasForbiddenCharacters(given)) errors[field] = [CommandValidation.ForbiddenCharacters];
        return given;
    }

    /// <summary>An enum filter by its API name; another value is an error naming the allowed ones.</summary>
    public static TEnum? Enum<TEnum>(string field, string? value, IDictionary<string, string[]> errors) where TEnum : struct, Enum
    {
        if (Blank(value) is not { } given) return null;
        if (ApiEnum.TryParse<TEnum>(given, out var parsed)) return parsed;
        errors[field] = [$"must be one of {ApiEnum.Allowed<TEnum>()}"];
        return null;
    }
}
