using Participation.Host.Privacy;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;

namespace Participation.Host.Tests.Privacy;

/// <summary>The processing log's settings as the Host checks them at start.</summary>
public sealed class ProcessingLogOptionsTests
{
    [Theory]
    [InlineData("Production", false)]
    [InlineData("Staging", false)]
    [InlineData("Development", true)]
    [InlineData(ProcessingLogOptions.BenchmarkEnvironment, true)]
    public void The_log_is_switched_off_only_in_development_and_the_benchmark(string environment, bool allowed)
    {
        var result = Validate(environment, new ProcessingLogOptions { Enabled = false });
        Assert.Equal(allowed, result.Succeeded);
    }

    [Fact]
    public void Every_processing_activity_is_an_absolute_uri()
    {
        var result = Validate("Production", new ProcessingLogOptions
        {
            Activities = { ["GetParticipantData"] = "https://register.gemeente.nl/verwerkingen/inzageverzoek", ["GetCase"] = "casework" },
        });
        Assert.False(result.Succeeded);
        Assert.Contains("ProcessingLog:Activities:GetCase", result.FailureMessage);
        Assert.DoesNotContain("GetParticipantData", result.FailureMessage);
        Assert.Equal("https://register.gemeente.nl/verwerkingen/inzageverzoek",
            new ProcessingLogOptions { Activities = { ["GetParticipantData"] = "https://register.gemeente.nl/verwerkingen/inzageverzoek" } }.ActivityOf("GetParticipantData"));
    }

    private static Microsoft.Extensions.Options.ValidateOptionsResult Validate(string environment, ProcessingLogOptions options) =>
        new ProcessingLogOptionsValidation(new HostingEnvironment { EnvironmentName = environment }).Validate(null, options);
}
