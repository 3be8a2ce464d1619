namespace Participation.Host.Privacy;

/// <summary>
/// The key that unlocks one participant's personal data in the event store. Erasing the
/// participant deletes it, after which their data is ciphertext nobody can read (crypto-shredding).
/// </summary>
public sealed class PersonalDataKey
{
    public Guid Id { get; set; }
    public byte[] Key { get; set; } = [];

    public static PersonalDataKey New(Guid participantId) =>
        new() { Id = participantId, Key = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32) };
}
