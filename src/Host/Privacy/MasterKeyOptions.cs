using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Participation.Host.Privacy;

/// <summary>
/// The key-encryption keys ("master keys") that wrap every participant's key, bound from the <c>Privacy</c> section.
/// They are never stored in the database. <c>Privacy:MasterKeys</c> lists them by id, the current one (which wraps new
/// keys) first and older ones after it (still unwrapping what they wrapped, until <c>privacy rewrap</c> has run);
/// <c>Privacy:MasterKey</c> or <c>Privacy:MasterKeyFile</c> is one key with the id <see cref="MasterKeyRing.DefaultId"/>,
/// the current one when no list is given. A key is 32 bytes in base64, given as such or in a file (a mounted secret).
/// </summary>
public sealed class MasterKeyOptions
{
    public const string Section = "Privacy";

    public string? MasterKey { get; set; }
    public string? MasterKeyFile { get; set; }
    public List<NamedMasterKey> MasterKeys { get; set; } = [];

    /// <summary>Every configured key with the setting that holds it, the current one first.</summary>
    public IReadOnlyList<(string Setting, NamedMasterKey Key)> Keys()
    {
        var keys = MasterKeys.Select((key, i) => ($"Privacy:MasterKeys:{i}:{(string.IsNullOrEmpty(key.KeyFile) ? "Key" : "KeyFile")}", key)).ToList();
        if (!string.IsNullOrEmpty(MasterKey)) keys.Add(("Privacy:MasterKey", new NamedMasterKey { Id = MasterKeyRing.DefaultId, Key = MasterKey }));
        if (!string.IsNullOrEmpty(MasterKeyFile)) keys.Add(("Privacy:MasterKeyFile", new NamedMasterKey { Id = MasterKeyRing.DefaultId, KeyFile = MasterKeyFile }));
        return keys;
    }
}

public sealed class NamedMasterKey
{
    public const int Length = 32;

    public string Id { get; set; } = "";

    /// <summary>Base64 of <see cref="Length"/> random bytes.</summary>
    public string? Key { get; set; }

    /// <summary>A file holding the base64 key, for secrets mounted as files.</summary>
    public string? KeyFile { get; set; }

    /// <summary>The key's bytes, or why there are none; <paramref name="setting"/>, the setting that holds it, names it in the message.</summary>
    public byte[]? Bytes(string setting, out string? problem)
    {
        problem = null;
        string text;
        if (KeyFile is { Length: > 0 } file)
        {
            try { text = File.ReadAllText(file).Trim(); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                problem = $"{setting}: the key file '{file}' cannot be read ({e.GetType().Name}).";
                return null;
            }
        }
        else text = Key ?? "";
        var bytes = new byte[Length];
        if (Convert.TryFromBase64String(text, bytes, out var written) && written == Length) return bytes;
        problem = KeyFile is { Length: > 0 }
            ? $"{setting}: the file '{KeyFile}' must hold {Length} random bytes in base64 (e.g. `openssl rand -base64 32`)."
            : $"{setting} must be {Length} random bytes in base64 (e.g. `openssl rand -base64 32`).";
        return null;
    }
}

/// <summary>Checked as the Host starts: without a master key no participant can be added nor any personal data read.</summary>
public sealed partial class MasterKeyValidation : IValidateOptions<MasterKeyOptions>
{
    public ValidateOptionsResult Validate(string? name, MasterKeyOptions options)
    {
        var problems = new List<string>();
        var keys = options.Keys();
        if (keys.Count == 0)
            problems.Add("Privacy:MasterKey (or Privacy:MasterKeyFile, or Privacy:MasterKeys) must be configured: the key, 32 bytes in base64, " +
                         "that wraps the participants' keys. It is kept outside the database.");
        if (!string.IsNullOrEmpty(options.MasterKey) && !string.IsNullOrEmpty(options.MasterKeyFile))
            problems.Add("Privacy:MasterKey and Privacy:MasterKeyFile are both set; set one.");
        for (var i = 0; i < options.MasterKeys.Count; i++)
            if (!KeyId().IsMatch(options.MasterKeys[i].Id)) problems.Add($"Privacy:MasterKeys:{i}:Id must be 1 to 64 letters, digits, '.', '_' or '-'.");
        foreach (var (setting, key) in keys)
            if (key.Bytes(setting, out var problem) is null) problems.Add(problem!);
        foreach (var id in keys.GroupBy(k => k.Key.Id, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key))
            problems.Add($"Privacy:MasterKeys: the key id '{id}' is given twice (the id of Privacy:MasterKey is '{MasterKeyRing.DefaultId}').");
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex KeyId();
}
