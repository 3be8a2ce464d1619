using System.Text.Json.Nodes;
using Participation.Host.Tests.Support;

namespace Participation.Host.Tests.Operations;

/// <summary>
/// `dotnet run --project src/Host` (and an IDE) start the Host through its launch profile, whose variables replace the
/// caller's: a connection string there would override the <c>ConnectionStrings__Marten</c> a developer set.
/// </summary>
public sealed class LaunchProfileTests
{
    [Fact]
    public void The_launch_profile_sets_only_the_environment_and_leaves_the_settings_to_the_caller()
    {
        var settings = JsonNode.Parse(File.ReadAllText(Path.Combine(TestDatabase.RepositoryRoot(), "src", "Host", "Properties", "launchSettings.json")))!;

        foreach (var (name, profile) in settings["profiles"]!.AsObject())
            Assert.True(profile!["environmentVariables"]!.AsObject().Select(v => v.Key).SequenceEqual(["ASPNETCORE_ENVIRONMENT"]),
                $"Profile '{name}' sets {profile["environmentVariables"]!.ToJsonString()}: a caller's own setting (e.g. ConnectionStrings__Marten) must win.");
    }
}
