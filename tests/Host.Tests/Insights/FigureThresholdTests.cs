using Microsoft.Extensions.Options;
using Participation.Host.Insights;
using Participation.Host.Tests.Support;

namespace Participation.Host.Tests.Insights;

/// <summary><c>Figures:MinimumCount</c> is checked when the Host starts: a threshold that would publish a family's count is refused.</summary>
public sealed class FigureThresholdTests
{
    [Theory]
    [InlineData("2")]
    [InlineData("0")]
    [InlineData("-5")]
    public async Task A_threshold_below_three_stops_the_host_from_starting(string minimum)
    {
        var failure = await TestHost.StartFailureAsync<OptionsValidationException>("figure_threshold_tests", ("Figures:MinimumCount", minimum));
        Assert.Contains("Figures:MinimumCount", failure.Message);
    }

    [Fact]
    public async Task The_threshold_is_five_unless_set()
    {
        await using var host = await TestHost.QuietAsync("figure_threshold_tests");
        Assert.Equal(5, host.Services.GetRequiredService<IOptions<FigureOptions>>().Value.MinimumCount);
    }
}
