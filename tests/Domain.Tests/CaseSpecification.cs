using System.Collections;
using System.Globalization;
using Participation.Domain.Cases;
using Xunit;
using Xunit.Sdk;

namespace Participation.Domain.Tests;

/// <summary>
/// Given (past events, folded with <see cref="Case.Evolve"/>) / When (a decision) / Then (events or a rejection).
/// Events are compared through a structural description, so list members compare element-wise
/// and a failing test shows both sides readably.
/// </summary>
public sealed class CaseSpecification
{
    private readonly Case? _state;
    private IReadOnlyList<object>? _events;
    private Exception? _error;

    private CaseSpecification(Case? state) => _state = state;

    public static CaseSpecification Given(params object[] events) => new(Fold(events));

    public static Case? Fold(IEnumerable<object> events) => events.Aggregate((Case?)null, Case.Evolve);

    public CaseSpecification When(Func<Case, IReadOnlyList<object>> decide)
    {
        try { _events = decide(_state!); }
        catch (Exception e) { _error = e; }
        return this;
    }

    public void Then(params object[] expected) => Assert.Equal(expected.Select(Describe), Produced().Select(Describe));

    public void ThenNothing() => Assert.Empty(Produced());

    public void ThenRejected(string code) => Assert.Equal(code, Failed<CaseRuleViolated>().Code);

    public void ThenNotFound(string what, Guid id)
    {
        var error = Failed<CasePartNotFound>();
        Assert.Equal((what, id), (error.What, error.Id));
    }

    public void ThenRejected<T>(Func<T, bool> matches) where T : Exception
    {
        var error = Failed<T>();
        Assert.True(matches(error), $"{typeof(T).Name} did not match: {error.Message}");
    }

    public void ThenInvalid(params string[] fields) =>
        Assert.Equal(fields.Order(StringComparer.Ordinal), Failed<InvalidCommand>().Errors.Keys.Order(StringComparer.Ordinal));

    private IReadOnlyList<object> Produced() =>
        _error is null ? _events! : throw new XunitException($"Expected events, but the decision threw {_error}");

    private T Failed<T>() where T : Exception => _error as T ?? throw new XunitException(
        $"Expected {typeof(T).Name}, but got " + (_error?.ToString() ?? "[" + string.Join(", ", _events!.Select(Describe)) + "]"));

    public static string Describe(object? value) => value switch
    {
        null => "null",
        string s => $"\"{s}\"",
        DateTimeOffset d => d.ToString("O", CultureInfo.InvariantCulture),
        IEnumerable items => "[" + string.Join(", ", items.Cast<object?>().Select(Describe)) + "]",
        _ when value.GetType().GetMethod("<Clone>$") is not null => value.GetType().Name + " { " + string.Join(", ",
            value.GetType().GetProperties().Select(p => $"{p.Name} = {Describe(p.GetValue(value))}")) + " }",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
