using Alba;
using JasperFx.CommandLine;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Hosting;

namespace Participation.Host.Tests.Support;

/// <summary>A host of one test's own on the test database, for tests that start it with other settings (or again).</summary>
public static class TestHost
{
    public static async Task<IAlbaHost> StartAsync(string environment, string schema, params (string Key, string Value)[] settings)
    {
        JasperFxEnvironment.AutoStartHost = true;
        return await AlbaHost.For<Program>(builder =>
        {
            builder.UseEnvironment(environment);
            builder.UseSetting("ConnectionStrings:Marten", TestDatabase.ConnectionString);
            builder.UseSetting("Marten:Schema", schema);
            foreach (var (key, value) in settings) builder.UseSetting(key, value);
        });
    }

    /// <summary>A Development host without its daemon, loading the committed handler code (quick to start again and again).</summary>
    public static Task<IAlbaHost> QuietAsync(string schema, params (string Key, string Value)[] settings) =>
        StartAsync(Environments.Development, schema, [("Marten:Daemon", "Disabled"), ("Wolverine:CodeGeneration", "Static"), .. settings]);
}
