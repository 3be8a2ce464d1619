namespace Participation.Domain.Cases;

/// <summary>
/// Collects field errors of one command and throws <see cref="InvalidCommand"/> if there are any.
/// Field names are the camelCase names integrators send.
/// </summary>
public sealed class CommandValidation
{
    public const int ShortText = 200;
    public const int LongText = 4000;

    private readonly Dictionary<string, List<string>> _errors = new();

    public CommandValidation Text(string field, string? value, int maxLength = ShortText, bool required = true, bool oneLine = false)
    {
        if (value is null || value.Length == 0 || string.IsNullOrWhiteSpace(value))
        {
            if (required) Add(field, "is required and may not be empty");
            return this;
        }
        if (value.Length > maxLength) Add(field, $"may be at most {maxLength} characters");
        if (HasForbiddenCharacters(value)) Add(field, ForbiddenCharacters);
        else if (oneLine && value.AsSpan().IndexOfAny('\n', '\r', '\t') >= 0) Add(field, OneLine);
        return this;
    }

    public const string OneLine = "must be one line: no line breaks or tabs";

    public CommandValidation Ids(string field, IReadOnlyCollection<Guid>? ids, bool atLeastOne)
    {
        if (ids is null) { Add(field, "is required"); return this; }
        if (atLeastOne && ids.Count == 0) Add(field, "needs at least one id");
        if (ids.Any(id => id == Guid.Empty)) Add(field, "may not contain the empty id");
        if (ids.Count > 500) Add(field, "may hold at most 500 ids");
        return this;
    }

    public CommandValidation Id(string field, Guid? id)
    {
        if (id == Guid.Empty) Add(field, "may not be the empty id");
        return this;
    }

    public CommandValidation Defined<TEnum>(string field, TEnum value) where TEnum : struct, Enum
    {
        if (!Enum.IsDefined(value)) Add(field, "has an unknown value");
        return this;
    }

    /// <summary>
    /// A neighbourhood named by its code, name and district, each one line: they are the names figures are counted under
    /// and published by, so a line break in one could never be told from where one name ends and the next begins.
    /// </summary>
    public CommandValidation Neighbourhood(string field, Neighbourhood? neighbourhood)
    {
        if (neighbourhood is null) return Check(false, field, "is required");
        return Text($"{field}.code", neighbourhood.Code, 50, oneLine: true).Text($"{field}.name", neighbourhood.Name, oneLine: true)
            .Text($"{field}.district", neighbourhood.District, oneLine: true);
    }

    public CommandValidation Check(bool valid, string field, string message)
    {
        if (!valid) Add(field, message);
        return this;
    }

    public void ThrowIfInvalid()
    {
        if (_errors.Count > 0)
            throw new InvalidCommand(_errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
    }

    public const string ForbiddenCharacters = "contains control characters or broken unicode";

    /// <summary>Tabs and line breaks are fine in free text; other control characters (PostgreSQL refuses NUL) and lone surrogates are not.</summary>
    public static bool HasForbiddenCharacters(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsControl(c) && c is not ('\n' or '\r' or '\t')) return true;
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1])) { i++; continue; }
            if (char.IsSurrogate(c)) return true;
        }
        return false;
    }

    private void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var messages)) _errors[field] = messages = [];
        messages.Add(message);
    }
}
