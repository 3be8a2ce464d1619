using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Participation.Host.Audit.Seals;

/// <summary>
/// The keys of the tamper-evidence chain, bound from the <c>Audit</c> section: <c>Audit:SealKeys</c> lists them by id,
/// the current one first, the older ones after it (they verify the events they sealed); <c>Audit:SealKey</c> is one key
/// with the id <see cref="SealKeyRing.DefaultId"/>, the current one when no list is given. Seals written before seals
/// named their key were made with that one.
/// </summary>
public sealed class SealKeyOptions
{
    public const string Section = "Audit";
    public const int MinimumKeyLength = 32;

    public string? SealKey { get; set; }

    public List<NamedSealKey> SealKeys { get; set; } = [];

    /// <summary>Every configured key by id, the current one first.</summary>
    public IReadOnlyList<NamedSealKey> Keys() =>
        string.IsNullOrEmpty(SealKey) ? SealKeys : [.. SealKeys, new NamedSealKey { Id = SealKeyRing.DefaultId, Key = SealKey }];
}

public sealed class NamedSealKey
{
    public string Id { get; set; } = "";
    public string Key { get; set; } = "";
}

/// <summary>Checked as the Host starts: a Host that cannot seal, or could seal under a guessable key, does not start.</summary>
public sealed partial class SealKeyValidation : IValidateOptions<SealKeyOptions>
{
    public ValidateOptionsResult Validate(string? name, SealKeyOptions options)
    {
        var problems = new List<string>();
        if (options.Keys().Count == 0)
            problems.Add($"Audit:SealKey (or Audit:SealKeys) must be configured: the key, at least {SealKeyOptions.MinimumKeyLength} characters, that seals the event history.");
        if (options.SealKey is { Length: > 0 and < SealKeyOptions.MinimumKeyLength })
            problems.Add($"Audit:SealKey must be at least {SealKeyOptions.MinimumKeyLength} characters.");
        for (var i = 0; i < options.SealKeys.Count; i++)
        {
            var key = options.SealKeys[i];
            if (!KeyId().IsMatch(key.Id))
                problems.Add($"Audit:SealKeys:{i}:Id must be 1 to 64 letters, digits, '.', '_' or '-'.");
            if (key.Key.Length < SealKeyOptions.MinimumKeyLength)
                problems.Add($"Audit:SealKeys:{i}:Key must be at least {SealKeyOptions.MinimumKeyLength} characters.");
        }
        foreach (var id in options.Keys().GroupBy(k => k.Id, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key))
            problems.Add($"Audit:SealKeys: the key id '{id}' is given twice (the id of Audit:SealKey is '{SealKeyRing.DefaultId}').");
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex KeyId();
}
