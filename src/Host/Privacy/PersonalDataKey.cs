namespace Participation.Host.Privacy;

/// <summary>
/// The key that unlocks one participant's personal data in the event store, stored wrapped under a master key that is
/// not in the database (ADR 13): a copy of the database alone opens nothing. Erasing the participant deletes it, after
/// which their data is ciphertext nobody can read (crypto-shredding).
/// </summary>
public sealed class PersonalDataKey
{
    public Guid Id { get; set; }

    public WrappedSecret? Wrapped { get; set; }

    /// <summary>
    /// The key as stored before keys were wrapped: still read, so no stored data breaks, until <c>privacy rewrap</c> wraps it.
    /// </summary>
    public byte[]? Key { get; set; }
}
