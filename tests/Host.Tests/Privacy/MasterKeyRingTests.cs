using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Participation.Host.Privacy;

namespace Participation.Host.Tests.Privacy;

/// <summary>The master keys as configured: a rotation's two keys at once, keys in files, and what a wrapped secret is bound to.</summary>
public sealed class MasterKeyRingTests
{
    private static readonly string Old = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    private static readonly string New = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    private static MasterKeyRing Ring(params NamedMasterKey[] keys) => new(Options.Create(new MasterKeyOptions { MasterKeys = [.. keys] }));

    [Fact]
    public void During_a_rotation_secrets_of_both_keys_open_and_new_ones_are_wrapped_under_the_current_key()
    {
        var wrappedBefore = Ring(new NamedMasterKey { Id = "2025", Key = Old }).Wrap("geheim"u8, "test", "delft", Guid.Empty);
        var rotating = Ring(new NamedMasterKey { Id = "2026", Key = New }, new NamedMasterKey { Id = "2025", Key = Old });

        var wrappedNow = rotating.Wrap("nieuw"u8, "test", "delft", Guid.Empty);

        Assert.Equal("2026", wrappedNow.MasterKeyId);
        Assert.Equal("geheim"u8.ToArray(), rotating.Unwrap(wrappedBefore, "test", "delft", Guid.Empty));
        Assert.Equal("nieuw"u8.ToArray(), rotating.Unwrap(wrappedNow, "test", "delft", Guid.Empty));
        Assert.Throws<MasterKeyMissing>(() => Ring(new NamedMasterKey { Id = "2026", Key = New }).Unwrap(wrappedBefore, "test", "delft", Guid.Empty));
    }

    [Fact]
    public void A_wrapped_secret_opens_only_for_its_own_purpose_tenant_and_owner()
    {
        var ring = Ring(new NamedMasterKey { Id = "k", Key = New });
        var owner = Guid.NewGuid();
        var wrapped = ring.Wrap("geheim"u8, "participant-key", "delft", owner);

        Assert.ThrowsAny<CryptographicException>(() => ring.Unwrap(wrapped, "webhook-secret", "delft", owner));
        Assert.ThrowsAny<CryptographicException>(() => ring.Unwrap(wrapped, "participant-key", "leiden", owner));
        Assert.ThrowsAny<CryptographicException>(() => ring.Unwrap(wrapped, "participant-key", "delft", Guid.NewGuid()));
    }

    [Fact]
    public void A_key_in_a_file_is_read_and_a_file_that_is_missing_or_holds_no_key_is_named()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, New + "\n");
            var fromFile = new MasterKeyOptions { MasterKeyFile = file };
            Assert.True(new MasterKeyValidation().Validate(null, fromFile).Succeeded);
            var wrapped = new MasterKeyRing(Options.Create(fromFile)).Wrap("geheim"u8, "test", "delft", Guid.Empty);
            Assert.Equal(MasterKeyRing.DefaultId, wrapped.MasterKeyId);
            Assert.Equal("geheim"u8.ToArray(), Ring(new NamedMasterKey { Id = MasterKeyRing.DefaultId, Key = New }).Unwrap(wrapped, "test", "delft", Guid.Empty));

            File.WriteAllText(file, "not a key");
            Assert.Contains("Privacy:MasterKeyFile", new MasterKeyValidation().Validate(null, fromFile).FailureMessage);
            var missing = new MasterKeyOptions { MasterKeys = [new NamedMasterKey { Id = "2026", KeyFile = file + ".missing" }] };
            Assert.Contains("Privacy:MasterKeys:0:KeyFile", new MasterKeyValidation().Validate(null, missing).FailureMessage);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
