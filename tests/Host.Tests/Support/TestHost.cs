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

    /// <summary>
    /// Why a quiet host (<see cref="QuietAsync"/>) refuses to start with the settings given. The test server sometimes loses
    /// that reason in a race (an <see cref="ObjectDisposedException"/> of the provider the failed start disposed): it is tried again.
    /// </summary>
    public static async Task<TException> StartFailureAsync<TException>(string schema, params (string Key, string Value)[] settings) where TException : Exception
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var host = await QuietAsync(schema, settings);
            }
            catch (ObjectDisposedException) when (attempt < 5)
            {
                continue;
            }
            catch (TException failure)
            {
                return failure;
            }
            throw new Xunit.Sdk.XunitException($"The host started with {string.Join(", ", settings.Select(s => $"{s.Key}={s.Value}"))}.");
        }
    }

    /// <summary>A Development host without its daemon, loading the committed handler code (quick to start again and again).</summary>
    public static Task<IAlbaHost> QuietAsync(string schema, params (string Key, string Value)[] settings) =>
        StartAsync(Environments.Development, schema, [("Marten:Daemon", "Disabled"), ("Wolverine:CodeGeneration", "Static"), .. settings]);
}
