using System.Security.Cryptography;
using Marten;
using Participation.Domain.Cases;

namespace Participation.Host.Privacy;

/// <summary>
/// Protects the personal data of case events about to be appended, in the same transaction: each personal
/// text is encrypted under its subjects' keys, so neither the events nor the inline read models built from
/// them ever hold it in plain text; a participant who joins gets a key; and the key of a participant who is
/// erased is destroyed, after which everything written about them reads erased. Only this deletes keys.
/// </summary>
public static class PersonalDataProtection
{
    // known: the case's participants' stored keys when they were read already (with the case's lock); any other key is loaded.
    public static async Task<IReadOnlyList<ICaseEvent>> ProtectPersonalDataAsync(this IDocumentSession session, IReadOnlyList<ICaseEvent> events,
        PersonalDataKeys personalDataKeys, CaseParticipantKeys? known = null, CancellationToken token = default)
    {
        foreach (var erased in events.OfType<ParticipantErased>()) session.Delete<PersonalDataKey>(erased.ParticipantId);
        if (events.All(e => Subjects(e).Count == 0)) return events;

        var keys = await KeysFor(session, events, personalDataKeys, known ?? CaseParticipantKeys.None, token);
        return events.Select(e =>
        {
            var subjects = Subjects(e);
            var subjectKeys = WithKeysOf(subjects, keys);
            return CaseEventTypes.Of(e).WithPersonalText(e, text =>
                PersonalDataCipher.IsEncrypted(text) ? text : PersonalDataCipher.Encrypt(text, subjects, subjectKeys));
        }).ToList();
    }

    private static IReadOnlyList<Guid> Subjects(ICaseEvent e) => CaseEventTypes.Of(e).Subjects(e);

    /// <summary>The subjects' keys; participants joining now get a new key, stored in the same transaction.</summary>
    private static async Task<Dictionary<Guid, byte[]>> KeysFor(IDocumentSession session, IReadOnlyList<ICaseEvent> events,
        PersonalDataKeys personalDataKeys, CaseParticipantKeys known, CancellationToken token)
    {
        var keys = new Dictionary<Guid, byte[]>();
        foreach (var joined in events.OfType<ParticipantJoined>())
            keys[joined.ParticipantId] = personalDataKeys.Create(session, joined.ParticipantId);
        foreach (var id in events.SelectMany(Subjects).Where(id => !keys.ContainsKey(id)))
            if (known.TryGet(id, out var stored)) keys[id] = personalDataKeys.Open(session.TenantId, stored);
        var needed = events.SelectMany(Subjects).Where(id => !keys.ContainsKey(id)).Distinct().ToArray();
        if (needed.Length > 0)
            foreach (var (id, key) in await personalDataKeys.LoadAsync(session, needed, token))
                keys[id] = key;
        return keys;
    }

    // A subject whose key is already destroyed gets a throw-away one: text about an erased person is
    // born erased rather than stored readable.
    private static IReadOnlyDictionary<Guid, byte[]> WithKeysOf(IReadOnlyList<Guid> subjects, IReadOnlyDictionary<Guid, byte[]> keys) =>
        subjects.All(keys.ContainsKey)
            ? keys
            : subjects.Distinct().ToDictionary(id => id, id => keys.TryGetValue(id, out var key) ? key : RandomNumberGenerator.GetBytes(32));
}
