using System.Security.Cryptography;
using System.Text;

namespace Participation.Host.Privacy;

/// <summary>
/// Seals a piece of personal text for the participants it is about, as one self-describing string:
/// <c>pd1:{subject ids}:{nonce}:{ciphertext+tag}</c> (AES-256-GCM). Text about several people is
/// sealed under a key derived from all of their keys, so erasing any one of them makes it unreadable.
/// </summary>
public static class PersonalDataCipher
{
    public const string Prefix = "pd1:";
    /// <summary>How erased data reads: the same marker the case read model keeps for an erased name.</summary>
    public const string Erased = Participation.Projections.Cases.CaseDetailsProjection.ErasedText;

    public static bool IsSealed(string? value) => value is not null && value.StartsWith(Prefix, StringComparison.Ordinal);

    public static string Seal(string plaintext, IReadOnlyList<Guid> subjects, IReadOnlyDictionary<Guid, byte[]> keys)
    {
        var ids = string.Join(',', subjects.Distinct().Order().Select(id => id.ToString("N")));
        var nonce = RandomNumberGenerator.GetBytes(AesGcm.NonceByteSizes.MaxSize);
        var plain = Encoding.UTF8.GetBytes(plaintext);
        var sealedBytes = new byte[plain.Length + AesGcm.TagByteSizes.MaxSize];
        using (var aes = new AesGcm(DeriveKey(ids, keys), AesGcm.TagByteSizes.MaxSize))
            aes.Encrypt(nonce, plain, sealedBytes.AsSpan(0, plain.Length), sealedBytes.AsSpan(plain.Length), Encoding.ASCII.GetBytes(ids));
        return $"{Prefix}{ids}:{Convert.ToBase64String(nonce)}:{Convert.ToBase64String(sealedBytes)}";
    }

    /// <summary>The subject ids as written in the token, the same for every value about the same people.</summary>
    public static string SubjectSet(string token) => token[Prefix.Length..].Split(':')[0];

    public static IEnumerable<Guid> Subjects(string token) =>
        SubjectSet(token).Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Guid.Parse);

    /// <summary>
    /// Opens sealed values with a fixed set of participant keys, deriving the key of each set of
    /// subjects once: a case's texts are about the same few people again and again.
    /// </summary>
    public sealed class Opener(IReadOnlyDictionary<Guid, byte[]> keys) : IDisposable
    {
        private readonly Dictionary<string, AesGcm?> _ciphers = new(StringComparer.Ordinal);

        /// <summary>The plaintext, or <see cref="Erased"/> when a subject's key is gone (or the token is damaged).</summary>
        public string Open(string token)
        {
            var parts = token[Prefix.Length..].Split(':');
            if (parts.Length != 3 || CipherFor(parts[0]) is not { } aes) return Erased;
            try
            {
                var nonce = Convert.FromBase64String(parts[1]);
                var sealedBytes = Convert.FromBase64String(parts[2]);
                var plain = new byte[sealedBytes.Length - AesGcm.TagByteSizes.MaxSize];
                aes.Decrypt(nonce, sealedBytes.AsSpan(0, plain.Length), sealedBytes.AsSpan(plain.Length), plain, Encoding.ASCII.GetBytes(parts[0]));
                return Encoding.UTF8.GetString(plain);
            }
            catch (Exception e) when (e is CryptographicException or FormatException or ArgumentException)
            {
                return Erased;
            }
        }

        private AesGcm? CipherFor(string ids)
        {
            if (_ciphers.TryGetValue(ids, out var cached)) return cached;
            AesGcm? aes;
            try { aes = new AesGcm(DeriveKey(ids, keys), AesGcm.TagByteSizes.MaxSize); }
            catch (Exception e) when (e is KeyNotFoundException or FormatException) { aes = null; }
            return _ciphers[ids] = aes;
        }

        public void Dispose()
        {
            foreach (var aes in _ciphers.Values) aes?.Dispose();
            _ciphers.Clear();
        }
    }

    private static byte[] DeriveKey(string ids, IReadOnlyDictionary<Guid, byte[]> keys)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.ASCII.GetBytes(Prefix + ids));
        foreach (var id in ids.Split(',').Select(Guid.Parse)) hash.AppendData(keys[id]);
        return hash.GetHashAndReset();
    }
}
