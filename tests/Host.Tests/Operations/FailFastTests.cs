using Participation.Host.Tests.Support;

namespace Participation.Host.Tests.Operations;

/// <summary>
/// The published Host started as an operator would, in Production, with one setting missing or wrong: it exits at once,
/// non-zero, naming the setting, instead of listening and answering 500 to everything.
/// </summary>
public sealed class FailFastTests
{
    private static readonly Dictionary<string, string> Complete = new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["Auth__SigningKey"] = ProductionHostFixture.SigningKey,
        ["Audit__SealKey"] = "fail-fast-test-seal-key-0123456789-abcdefghijklmnop",
        ["Privacy__MasterKey"] = ProductionHostFixture.MasterKey,
    };

    public static TheoryData<string, string, string, string> Misconfigurations => new()
    {
        { "no way to validate tokens", "Auth__SigningKey", "", "Authentication:Schemes:Bearer:Authority" },
        { "a short seal key", "Audit__SealKey", "too-short", "Audit:SealKey must be at least 32 characters" },
        { "no seal key", "Audit__SealKey", "", "Audit:SealKey (or Audit:SealKeys) must be configured" },
        { "no master key", "Privacy__MasterKey", "", "Privacy:MasterKey (or Privacy:MasterKeyFile, or Privacy:MasterKeys) must be configured" },
        { "a master key that is no key", "Privacy__MasterKey", "c2hvcnQ=", "Privacy:MasterKey must be 32 random bytes in base64" },
        { "a malformed duration", "Notifications__Timeout", "abc", "Notifications:Timeout" },
        { "a provider over plain http", "Authentication__Schemes__Bearer__Authority", "http://127.0.0.1:9", "RequireHttpsMetadata" },
        { "a negative drain delay", "Shutdown__DrainDelay", "-00:00:05", "Shutdown:DrainDelay must be zero or a positive duration" },
        { "no time for the requests in flight", "Shutdown__Timeout", "00:00:00", "Shutdown:Timeout must be a positive duration" },
        { "live nodes taken for dead", "Cluster__StaleNodeTimeout", "00:00:03", "Cluster:StaleNodeTimeout must be at least 3 × Cluster:HealthCheckPollingTime" },
        { "a provider without an audience", "Authentication__Schemes__Bearer__Authority", "https://login.example", "Authentication:Schemes:Bearer:ValidAudiences" },
    };

    [Theory]
    [MemberData(nameof(Misconfigurations))]
    public async Task A_misconfigured_production_host_exits_at_once_naming_the_setting(string what, string variable, string value, string message)
    {
        var environment = new Dictionary<string, string>(Complete) { [variable] = value };

        var (exitCode, output) = await HostCommandLine.Run("fail_fast_tests", environment);

        Assert.True(exitCode != 0, $"{what}: the host exited {exitCode}\n{output}");
        Assert.True(output.ReplaceLineEndings(" ").Contains(message, StringComparison.Ordinal), $"{what}: '{message}' not in\n{output}");
    }
}
