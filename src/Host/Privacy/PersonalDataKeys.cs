using System.Security.Cryptography;
using Marten;

namespace Participation.Host.Privacy;

/// <summary>Participants' keys as the rest of Privacy uses them: created wrapped, loaded and unwrapped, rewrapped.</summary>
public sealed class PersonalDataKeys(MasterKeyRing masterKeys)
{
    private const string Purpose = "participant-key";
    private const int KeySize = 32;

    /// <summary>For <c>privacy rewrap</c>: keys stored before keys were wrapped hold the key itself, in base64.</summary>
    public static readonly WrappedSecretKind Kind = new(typeof(PersonalDataKey), Purpose,
        WrappedSecretKind.Stored(nameof(PersonalDataKey.Wrapped)), WrappedSecretKind.Stored(nameof(PersonalDataKey.Key)), Convert.FromBase64String);

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
        key.Wrapped is { } wrapped ? masterKeys.Unwrap(wrapped, Purpose, tenant, key.Id) : key.Key ?? [];

    private PersonalDataKey Wrapped(string tenant, Guid participantId, byte[] key) =>
        new() { Id = participantId, Wrapped = masterKeys.Wrap(key, Purpose, tenant, participantId) };
}
