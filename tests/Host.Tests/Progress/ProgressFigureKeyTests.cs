using Participation.Projections.Progress;

namespace Participation.Host.Tests.Progress;

/// <summary>A figure key reads back as the parts it was made of, whatever separators or escapes they hold.</summary>
public sealed class ProgressFigureKeyTests
{
    [Theory]
    [InlineData("sport", "engage", "Open")]
    [InlineData("A/08", "Kinkerbuurt", "Oud-West/De Baarsjes")]
    [InlineData("A\\08", "a\\/b", "/")]
    [InlineData("", "", "")]
    [InlineData("trailing\\", "/leading", "double//")]
    public void Its_parts_come_back_as_written(string first, string second, string third) =>
        Assert.Equal([first, second, third], ProgressFigureKey.Of(first, second, third).Parts);

    [Fact]
    public void Parts_that_differ_only_in_where_a_slash_falls_make_different_keys()
    {
        Assert.NotEqual(ProgressFigureKey.Of("A/08", "Open"), ProgressFigureKey.Of("A", "08/Open"));
        Assert.NotEqual(ProgressFigureKey.Of("A\\", "B"), ProgressFigureKey.Of("A", "\\B"));
    }

    [Fact]
    public void A_key_of_names_without_separators_is_the_names_joined_as_the_readers_ask_for_them() =>
        Assert.Equal("jeugdzorg/connect/Closed", ProgressFigureKey.Of("jeugdzorg", "connect", "Closed").Text);
}
