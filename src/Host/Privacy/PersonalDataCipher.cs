using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using Participation.Domain.Cases.Measuring;

namespace Participation.Host.Privacy;

/// <summary>
/// Encrypts a piece of personal text for the participants it is about, as one self-describing string:
/// <c>pd1:{subject ids}:{nonce}:{ciphertext+tag}</c> (AES-256-GCM). Text about several people is
/// encrypted under a key derived from all of their keys, so erasing any one of them makes it unreadable. A text that holds
/// JSON (<see cref="StructuredText"/>, a measurement's scores say) is written <c>pdj1:…</c> the same way, so what reveals it
/// writes the JSON itself, or <c>null</c> once it is erased.
/// </summary>
public static class PersonalDataCipher
{
    public const string Prefix = "pd1:";
    public const string StructuredPrefix = "pdj1:";
    /// <summary>How erased data reads: the same marker the case read model keeps for an erased name.</summary>
    public const string Erased = Participation.Projections.Cases.CaseDetailsProjection.ErasedText;

    public static bool IsEncrypted(string? value) =>
        value is not null && (value.StartsWith(Prefix, StringComparison.Ordinal) || IsStructured(value));

    /// <summary>Whether the token holds JSON (written from a <see cref="StructuredText"/>).</summary>
    public static bool IsStructured(string token) => token.StartsWith(StructuredPrefix, StringComparison.Ordinal);

    public static string Encrypt(string plaintext, IReadOnlyList<Guid> subjects, IReadOnlyDictionary<Guid, byte[]> keys)
    {
        var ids = string.Join(',', subjects.Distinct().Order().Select(id => id.ToString("N")));
        var nonce = RandomNumberGenerator.GetBytes(AesGcm.NonceByteSizes.MaxSize);
        var json = StructuredText.Json(plaintext);
        var plain = Encoding.UTF8.GetBytes(json ?? plaintext);
        var encryptedBytes = new byte[plain.Length + AesGcm.TagByteSizes.MaxSize];
        using (var aes = new AesGcm(DeriveKey(ids, keys), AesGcm.TagByteSizes.MaxSize))
            aes.Encrypt(nonce, plain, encryptedBytes.AsSpan(0, plain.Length), encryptedBytes.AsSpan(plain.Length), Encoding.ASCII.GetBytes(ids));
        return $"{(json is null ? Prefix : StructuredPrefix)}{ids}:{Convert.ToBase64String(nonce)}:{Convert.ToBase64String(encryptedBytes)}";
    }

    /// <summary>The subject ids as written in the token, the same for every value about the same people.</summary>
    public static string SubjectSet(string token) => Parts(token)?.Ids.ToString() ?? "";

    // pd1:{ids}:{nonce}:{ciphertext}, cut without copying; null when the token is not in that shape.
    private static (ReadOnlyMemory<char> Ids, ReadOnlyMemory<char> Nonce, ReadOnlyMemory<char> Encrypted)? Parts(string token)
    {
        var rest = token.AsMemory(IsStructured(token) ? StructuredPrefix.Length : Prefix.Length);
        var first = rest.Span.IndexOf(':');
        if (first < 0) return null;
        var afterIds = rest[(first + 1)..];
        var second = afterIds.Span.IndexOf(':');
        if (second < 0 || afterIds.Span[(second + 1)..].Contains(':')) return null;
        return (rest[..first], afterIds[..second], afterIds[(second + 1)..]);
    }

    /// <summary>The participants the token is about; a damaged id names nobody (the value then reads erased).</summary>
    public static IEnumerable<Guid> Subjects(string token) => SubjectsIn(SubjectSet(token));

    /// <summary>The participants a subject set (see <see cref="SubjectSet"/>) names.</summary>
    public static IEnumerable<Guid> SubjectsIn(string subjectSet) =>
        subjectSet.Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(id => Guid.TryParse(id, out var subject) ? subject : Guid.Empty).Where(id => id != Guid.Empty);

    /// <summary>
    /// Opens encrypted values with a fixed set of participant keys, deriving the key of each set of
    /// subjects once: a case's texts are about the same few people again and again.
    /// </summary>
    public sealed class Opener(IReadOnlyDictionary<Guid, byte[]> keys) : IDisposable
    {
        private readonly Dictionary<string, AesGcm?> _ciphers = new(StringComparer.Ordinal);

        /// <summary>The plaintext, or <see cref="Erased"/> when a subject's key is gone (or the token is damaged).</summary>
        public string Open(string token) => TryOpen(token, out var plaintext) ? plaintext : Erased;

        /// <summary>The plaintext; false when a subject's key is gone (or the token is damaged).</summary>
        public bool TryOpen(string token, out string plaintext)
        {
            plaintext = "";
            if (Parts(token) is not var (ids, nonceText, encryptedText)) return false;
            if (CipherFor(ids) is not { } aes) return false;
            Span<byte> nonce = stackalloc byte[AesGcm.NonceByteSizes.MaxSize];
            var encryptedBytes = ArrayPool<byte>.Shared.Rent(encryptedText.Length);
            var plain = ArrayPool<byte>.Shared.Rent(encryptedText.Length);
            try
            {
                if (!Convert.TryFromBase64Chars(nonceText.Span, nonce, out var nonceLength) || nonceLength != nonce.Length
                    || !Convert.TryFromBase64Chars(encryptedText.Span, encryptedBytes, out var encryptedLength)
                    || encryptedLength < AesGcm.TagByteSizes.MaxSize) return false;
                var plainLength = encryptedLength - AesGcm.TagByteSizes.MaxSize;
                Span<byte> associated = stackalloc byte[ids.Length];
                Encoding.ASCII.GetBytes(ids.Span, associated);
                aes.Decrypt(nonce, encryptedBytes.AsSpan(0, plainLength), encryptedBytes.AsSpan(plainLength, AesGcm.TagByteSizes.MaxSize),
                    plain.AsSpan(0, plainLength), associated);
                plaintext = Encoding.UTF8.GetString(plain, 0, plainLength);
                return true;
            }
            catch (CryptographicException)
            {
                return false;
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(encryptedBytes);
                ArrayPool<byte>.Shared.Return(plain, clearArray: true);
            }
        }

        private AesGcm? CipherFor(ReadOnlyMemory<char> ids)
        {
            var lookup = _ciphers.GetAlternateLookup<ReadOnlySpan<char>>();
            if (lookup.TryGetValue(ids.Span, out var cached)) return cached;
            var text = ids.ToString();
            AesGcm? aes;
            try { aes = new AesGcm(DeriveKey(text, keys), AesGcm.TagByteSizes.MaxSize); }
            catch (Exception e) when (e is KeyNotFoundException or FormatException) { aes = null; }
            return _ciphers[text] = aes;
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
