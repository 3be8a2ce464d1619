using System.Security.Cryptography;
using Marten;

namespace Participation.Host.Privacy;

/// <summary>Participants' keys as the rest of Privacy uses them: created wrapped, loaded and unwrapped, rewrapped.</summary>
public sealed class PersonalDataKeys(MasterKeyRing masterKeys)
{
    private const string Purpose = "participant-key";
    private const int KeySize = 32;

    public string CurrentMasterKeyId => masterKeys.CurrentId;

    /// <summary>A new key for <paramref name="participantId"/>, stored wrapped in the session's transaction.</summary>
    public byte[] Create(IDocumentSession session, Guid participantId)
    {
        var key = RandomNumberGenerator.GetBytes(KeySize);
        session.Insert(Wrapped(session.TenantId, participantId, key));
        return key;
    }

    /// <summary>The keys of those of <paramref name="participantIds"/> that still have one (an erased participant has none).</summary>
    public async Task<IEnumerable<(Guid Id, byte[] Key)>> LoadAsync(IQuerySession session, IEnumerable<Guid> participantIds, CancellationToken token) =>
        (await session.LoadManyAsync<PersonalDataKey>(token, participantIds)).Select(key => (key.Id, Open(session.TenantId, key)));

    public byte[] Open(string tenant, PersonalDataKey key) =>
        key.WrappedKey is { } wrapped ? masterKeys.Unwrap(new WrappedSecret(key.MasterKeyId ?? "", wrapped), Purpose, tenant, key.Id) : key.Key ?? [];

    /// <summary>The same key wrapped under the current master key.</summary>
    public PersonalDataKey Rewrapped(string tenant, PersonalDataKey key) => Wrapped(tenant, key.Id, Open(tenant, key));

    private PersonalDataKey Wrapped(string tenant, Guid participantId, byte[] key)
    {
        var wrapped = masterKeys.Wrap(key, Purpose, tenant, participantId);
        return new PersonalDataKey { Id = participantId, MasterKeyId = wrapped.MasterKeyId, WrappedKey = wrapped.Wrapped };
    }
}
