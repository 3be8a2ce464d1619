using System.Diagnostics;
using System.Net.Http.Json;

namespace Participation.Bench;

/// <summary>Cold start: process start to first successful command, first-request latency and peak memory.</summary>
public sealed class ColdStartBenchmarks(string connectionString)
{
    public sealed record Start(string Variant, double ListeningMs, double FirstRequestMs, double TotalMs, double PeakMb);

    public const string Static = "Host, Production (static generated code)";
    public const string StaticCheckingSchema = "Host, Production, checking the schema as it starts (no deploy step)";
    public const string Dynamic = "Host, Production with dynamic code generation";
    public const string Baseline = "minimal API + Npgsql, one insert (baseline)";

    public async Task<IReadOnlyList<Start>> Measure(int runs, int port)
    {
        var starts = new List<Start>();
        var variants = new (string Name, Func<Task<Start>> Run)[]
        {
            (Baseline, () => Once(Baseline, Tools.NpgsqlAppDll, port, new Dictionary<string, string>
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Production", ["ConnectionStrings__Marten"] = connectionString, ["Bench__Table"] = $"{BenchSetup.RawSchema}.cold_start",
            }, "/insert", null)),
            (Static, () => Once(Static, Tools.HostDll, port, ServerProcess.HostEnv(connectionString, BenchHost.Schema), "/api/cases", OpenCase)),
            (StaticCheckingSchema, () => Once(StaticCheckingSchema, Tools.HostDll, port, ServerProcess.HostEnv(connectionString, BenchHost.Schema, applySchema: true), "/api/cases", OpenCase)),
            (Dynamic, () => Once(Dynamic, Tools.HostDll, port, ServerProcess.HostEnv(connectionString, BenchHost.Schema, codeGeneration: "Dynamic"), "/api/cases", OpenCase)),
        };
        foreach (var (_, run) in variants) await run(); // warm-up: file cache, schema checks
        for (var i = 0; i < runs; i++)
            foreach (var (_, run) in variants) starts.Add(await run());
        return starts;
    }

    private static readonly object OpenCase = new
    {
        domain = "jeugdzorg", neighbourhood = new { code = "E38", name = "Slotermeer-Noordoost", district = "Nieuw-West" }, title = "Koude start",
    };

    private static async Task<Start> Once(string name, string dll, int port, Dictionary<string, string> env, string path, object? body)
    {
        await using var server = ServerProcess.Start(dll, port, env);
        var listening = await server.WaitUntilListening();
        using var client = Tools.Client(port, Tools.Token("cold-start", "caseworker"));
        var watch = Stopwatch.StartNew();
        using var response = body is null ? await client.PostAsync(path, null) : await client.PostAsJsonAsync(path, body);
        var first = watch.Elapsed;
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{name}: first command answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        var total = server.SinceStart.Elapsed;
        return new Start(name, listening.TotalMilliseconds, first.TotalMilliseconds, total.TotalMilliseconds, server.PeakMemoryMb());
    }
}
