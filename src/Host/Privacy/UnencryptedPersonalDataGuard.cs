using Marten;
using Participation.Domain.Cases;

namespace Participation.Host.Privacy;

/// <summary>
/// Refuses to store any case event whose personal texts were not encrypted first (see
/// <see cref="PersonalDataProtection"/>): a code path that forgets fails loudly instead of leaking.
/// </summary>
public sealed class UnencryptedPersonalDataGuard : DocumentSessionListenerBase
{
    public override Task BeforeSaveChangesAsync(IDocumentSession session, CancellationToken token)
    {
        foreach (var e in session.PendingChanges.Streams().SelectMany(s => s.Events).Select(e => e.Data).OfType<ICaseEvent>())
            CaseEventTypes.Of(e).WithPersonalText(e, text => PersonalDataCipher.IsEncrypted(text)
                ? text
                : throw new InvalidOperationException($"{e.GetType().Name} carries unencrypted personal data; protect it with {nameof(PersonalDataProtection)} before appending."));
        return Task.CompletedTask;
    }
}
