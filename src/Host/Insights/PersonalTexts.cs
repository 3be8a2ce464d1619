using Marten;
using Participation.Host.Privacy;
using Participation.Projections.Insights;

namespace Participation.Host.Insights;

/// <summary>Opens personal texts for the insights projection with the participants' keys, loaded once per call.</summary>
public sealed class PersonalTexts(PersonalDataKeys keys) : IPersonalTexts
{
    public async Task<IReadOnlyList<string?>> OpenAsync(IQuerySession session, IReadOnlyList<string> texts, CancellationToken cancellation)
    {
        var subjects = texts.Where(PersonalDataCipher.IsEncrypted).SelectMany(PersonalDataCipher.Subjects).Distinct().ToList();
        var loaded = subjects.Count == 0 ? [] : (await keys.LoadAsync(session, subjects, cancellation)).ToDictionary(k => k.Id, k => k.Key);
        using var opener = new PersonalDataCipher.Opener(loaded);
        return texts.Select(text => !PersonalDataCipher.IsEncrypted(text) ? text : opener.TryOpen(text, out var plain) ? plain : null).ToList();
    }
}
