using System.Security.Cryptography;
using Participation.Host.Privacy;

namespace Participation.Host.Tests.Privacy;

public sealed class PersonalDataCipherTests
{
    private static readonly Guid Fatima = Guid.NewGuid(), Kees = Guid.NewGuid();
    private static readonly Dictionary<Guid, byte[]> Keys = new() { [Fatima] = RandomNumberGenerator.GetBytes(32), [Kees] = RandomNumberGenerator.GetBytes(32) };

    [Fact]
    public void Text_about_one_or_several_people_opens_with_their_keys_and_names_them_in_its_subject_set()
    {
        var aboutBoth = PersonalDataCipher.Encrypt("Fatima en Kees: samen koken", [Kees, Fatima], Keys);
        var aboutFatima = PersonalDataCipher.Encrypt("Fatima Yilmaz", [Fatima], Keys);
        using var opener = new PersonalDataCipher.Opener(Keys);

        Assert.Equal("Fatima en Kees: samen koken", opener.Open(aboutBoth));
        Assert.Equal("Fatima Yilmaz", opener.Open(aboutFatima));
        Assert.Equal("Fatima Yilmaz", opener.Open(aboutFatima));
        Assert.Equal(string.Join(',', new[] { Fatima, Kees }.Order().Select(id => id.ToString("N"))), PersonalDataCipher.SubjectSet(aboutBoth));
        Assert.Equal(new[] { Fatima, Kees }.Order(), PersonalDataCipher.Subjects(aboutBoth).Order());
    }

    [Fact]
    public void Text_reads_erased_once_any_of_its_subjects_key_is_gone()
    {
        var aboutBoth = PersonalDataCipher.Encrypt("Fatima en Kees", [Fatima, Kees], Keys);
        var aboutFatima = PersonalDataCipher.Encrypt("Fatima", [Fatima], Keys);
        using var opener = new PersonalDataCipher.Opener(new Dictionary<Guid, byte[]> { [Fatima] = Keys[Fatima] });

        Assert.Equal(PersonalDataCipher.Erased, opener.Open(aboutBoth));
        Assert.Equal("Fatima", opener.Open(aboutFatima));
    }

    [Theory]
    [InlineData("pd1:")]
    [InlineData("pd1:abc")]
    [InlineData("pd1:abc:def")]
    [InlineData("pd1:a:b:c:d")]
    [InlineData("pd1:not-a-guid:AAAAAAAAAAAAAAAA:AAAAAAAAAAAAAAAAAAAAAAAA")]
    public void A_damaged_token_reads_erased_and_has_no_subjects(string token)
    {
        using var opener = new PersonalDataCipher.Opener(Keys);

        Assert.Equal(PersonalDataCipher.Erased, opener.Open(token));
        Assert.Empty(PersonalDataCipher.Subjects(token));
    }

    [Fact]
    public void Changed_ciphertext_or_a_swapped_subject_set_reads_erased()
    {
        var token = PersonalDataCipher.Encrypt("Fatima Yilmaz", [Fatima], Keys);
        var parts = token.Split(':');
        var flipped = Convert.FromBase64String(parts[3]);
        flipped[0] ^= 1;
        using var opener = new PersonalDataCipher.Opener(Keys);

        Assert.Equal(PersonalDataCipher.Erased, opener.Open($"pd1:{parts[1]}:{parts[2]}:{Convert.ToBase64String(flipped)}"));
        Assert.Equal(PersonalDataCipher.Erased, opener.Open($"pd1:{Kees:N}:{parts[2]}:{parts[3]}"));
        Assert.Equal(PersonalDataCipher.Erased, opener.Open($"pd1:{parts[1]}:!!notbase64:{parts[3]}"));
    }
}
