namespace Participation.Domain.Cases;

/// <summary>
/// A command breaks a rule of the case in its current state. <see cref="Code"/> is stable and
/// machine-readable; integrators switch on it.
/// </summary>
public sealed class CaseRuleViolated(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}

/// <summary>A command names something the case does not have (a participant, an agreement).</summary>
public sealed class CasePartNotFound(string what, Guid id) : Exception($"The case has no {what} {id}.")
{
    public string What { get; } = what;
    public Guid Id { get; } = id;
}

/// <summary>A command is malformed: missing, empty or invalid fields.</summary>
public sealed class InvalidCommand(IReadOnlyDictionary<string, string[]> errors)
    : Exception("The command has invalid fields: " + string.Join(", ", errors.Keys))
{
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;
}
