using Marten;

namespace Participation.Host.Privacy;

/// <summary>
/// Refuses to store any event whose personal fields were not sealed first (see
/// <see cref="PersonalDataSealer"/>): a code path that forgets fails loudly instead of leaking.
/// </summary>
public sealed class UnsealedPersonalDataGuard : DocumentSessionListenerBase
{
    public override Task BeforeSaveChangesAsync(IDocumentSession session, CancellationToken token)
    {
        foreach (var e in session.PendingChanges.Streams().SelectMany(s => s.Events))
            PersonalFields.Map(e.Data, text => PersonalDataCipher.IsSealed(text)
                ? text
                : throw new InvalidOperationException($"{e.Data.GetType().Name} carries unsealed personal data; seal it with PersonalDataSealer before appending."));
        return Task.CompletedTask;
    }
}
