using Alba;
using JasperFx.CommandLine;
using Marten;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Participation.Host.Security;

namespace Participation.Bench;

/// <summary>The API in its Production configuration (static code, real keys) on a schema of its own.</summary>
public sealed class BenchHost : IAsyncDisposable
{
    public const string Schema = "bench";

    private BenchHost(IAlbaHost host) => Host = host;

    public IAlbaHost Host { get; }
    public IDocumentStore Store => Host.Services.GetRequiredService<IDocumentStore>();

    /// <param name="settings">Configuration a scenario needs on top of Production's (e.g. loopback webhooks).</param>
    /// <param name="reset">False keeps the schema's data (a scenario measuring again on what an earlier run seeded).</param>
    public static async Task<BenchHost> StartAsync(string connectionString, string schema = Schema, IReadOnlyDictionary<string, string>? settings = null,
        bool reset = true)
    {
        JasperFxEnvironment.AutoStartHost = true;
        var host = await AlbaHost.For<Program>(builder =>
        {
            builder.UseEnvironment(Environments.Production);
            builder.UseContentRoot(Path.Combine(Tools.RepoRoot, "src", "Host"));
            builder.UseSetting("ConnectionStrings:Marten", connectionString);
            builder.UseSetting("Marten:Schema", schema);
            builder.UseSetting("Auth:SigningKey", Tools.SigningKey);
            builder.UseSetting("Audit:SealKey", Tools.SealKey);
            builder.UseSetting("Privacy:MasterKey", Tools.MasterKey);
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
            foreach (var (key, value) in settings ?? new Dictionary<string, string>()) builder.UseSetting(key, value);
        });
        if (reset) await host.ResetAllMartenDataAsync();
        return new BenchHost(host);
    }

    public HttpClient Client(string tenant, params string[] roles)
    {
        var client = Host.Server.CreateClient();
        var token = Host.Services.GetRequiredService<TokenIssuer>().Issue("bench", tenant, roles);
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return client;
    }

    public async ValueTask DisposeAsync() => await Host.DisposeAsync();
}
