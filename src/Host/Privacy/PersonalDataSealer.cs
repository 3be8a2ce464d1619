using System.Security.Cryptography;
using Marten;
using Participation.Domain.Cases;

namespace Participation.Host.Privacy;

/// <summary>
/// Seals the personal fields of events before they are appended, so neither the events nor the
/// inline read models built from them ever hold personal data in plain text.
/// </summary>
public static class PersonalDataSealer
{
    public static async Task<IReadOnlyList<object>> SealAsync(this IDocumentSession session, IReadOnlyList<object> events, CancellationToken token = default)
    {
        if (events.All(e => PersonalFields.Subjects(e).Count == 0)) return events;

        var keys = await KeysFor(session, events, token);
        return events.Select(e =>
        {
            var subjects = PersonalFields.Subjects(e);
            var subjectKeys = WithKeysOf(subjects, keys);
            return PersonalFields.Map(e, text => PersonalDataCipher.IsSealed(text) ? text : PersonalDataCipher.Seal(text, subjects, subjectKeys));
        }).ToList();
    }

    /// <summary>The subjects' keys; participants joining now get a new key, stored in the same transaction.</summary>
    private static async Task<Dictionary<Guid, byte[]>> KeysFor(IDocumentSession session, IReadOnlyList<object> events, CancellationToken token)
    {
        var keys = new Dictionary<Guid, byte[]>();
        foreach (var joined in events.OfType<ParticipantJoined>())
        {
            var key = PersonalDataKey.New(joined.ParticipantId);
            session.Insert(key);
            keys[key.Id] = key.Key;
        }
        var needed = events.SelectMany(PersonalFields.Subjects).Where(id => !keys.ContainsKey(id)).Distinct().ToArray();
        if (needed.Length > 0)
            foreach (var key in await session.LoadManyAsync<PersonalDataKey>(token, needed))
                keys[key.Id] = key.Key;
        return keys;
    }

    // A subject whose key is already destroyed gets a throw-away one: text about an erased person is
    // born erased rather than stored readable.
    private static IReadOnlyDictionary<Guid, byte[]> WithKeysOf(IReadOnlyList<Guid> subjects, IReadOnlyDictionary<Guid, byte[]> keys) =>
        subjects.All(keys.ContainsKey)
            ? keys
            : subjects.Distinct().ToDictionary(id => id, id => keys.TryGetValue(id, out var key) ? key : RandomNumberGenerator.GetBytes(32));
}
