using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Participation.Host.Privacy;

/// <summary>A secret wrapped under a master key: AES-256-GCM, <c>nonce ‖ ciphertext ‖ tag</c>, and the id of that master key.</summary>
public sealed record WrappedSecret(string MasterKeyId, byte[] Wrapped);

/// <summary>
/// The master keys by id (<see cref="MasterKeyOptions"/>). Secrets are wrapped under the current one and unwrapped with
/// the one they name, so both keys of a rotation are accepted until <c>privacy rewrap</c> has moved every secret to the
/// new one. Each wrapped secret is bound to what it belongs to (its purpose, tenant and owner, as associated data): a
/// wrapped key copied onto another participant's row does not open.
/// </summary>
public sealed class MasterKeyRing
{
    public const string DefaultId = "default";
    private const int NonceSize = 12, TagSize = 16;

    private readonly Dictionary<string, byte[]> _keys;

    public MasterKeyRing(IOptions<MasterKeyOptions> options)
    {
        var keys = options.Value.Keys();
        _keys = keys.ToDictionary(k => k.Key.Id, k => k.Key.Bytes(k.Setting, out _)!, StringComparer.Ordinal);
        CurrentId = keys[0].Key.Id;
    }

    public string CurrentId { get; }

    public bool Holds(string masterKeyId) => _keys.ContainsKey(masterKeyId);

    public WrappedSecret Wrap(ReadOnlySpan<byte> secret, string purpose, string tenant, Guid owner)
    {
        var wrapped = new byte[NonceSize + secret.Length + TagSize];
        var nonce = wrapped.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_keys[CurrentId], TagSize);
        aes.Encrypt(nonce, secret, wrapped.AsSpan(NonceSize, secret.Length), wrapped.AsSpan(NonceSize + secret.Length), Associated(purpose, tenant, owner));
        return new WrappedSecret(CurrentId, wrapped);
    }

    /// <summary>The secret; throws when its master key is not configured, or it does not open (damaged, or wrapped for another owner).</summary>
    public byte[] Unwrap(WrappedSecret secret, string purpose, string tenant, Guid owner)
    {
        if (!_keys.TryGetValue(secret.MasterKeyId, out var key))
            throw new MasterKeyMissing(secret.MasterKeyId);
        if (secret.Wrapped.Length < NonceSize + TagSize)
            throw new CryptographicException($"A wrapped secret of {owner} is too short to be one.");
        var plain = new byte[secret.Wrapped.Length - NonceSize - TagSize];
        using var aes = new AesGcm(key, TagSize);
        aes.Decrypt(secret.Wrapped.AsSpan(0, NonceSize), secret.Wrapped.AsSpan(NonceSize, plain.Length), secret.Wrapped.AsSpan(NonceSize + plain.Length),
            plain, Associated(purpose, tenant, owner));
        return plain;
    }

    private static byte[] Associated(string purpose, string tenant, Guid owner) => Encoding.UTF8.GetBytes($"{purpose}/{tenant}/{owner:N}");
}

/// <summary>A secret is wrapped under a master key this Host was not given: its configuration lacks a key of a rotation.</summary>
public sealed class MasterKeyMissing(string masterKeyId)
    : InvalidOperationException($"A secret is wrapped under the master key '{masterKeyId}', which Privacy:MasterKeys does not hold. " +
                                "Configure it (as an older key) until `privacy rewrap` has rewrapped every secret under the current key.");
