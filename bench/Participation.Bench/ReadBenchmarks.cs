using System.Globalization;
using Participation.Domain.Cases;
using Participation.Host.Http;
using System.Text.Json;
using System.Text.Json.Serialization;
using Participation.Projections.Cases;

namespace Participation.Bench;

/// <summary>Reads over HTTP against the raw SQL fetch of the same rows.</summary>
public sealed class ReadBenchmarks(string connectionString, BenchSetup setup)
{
    public Task<LoadResult> GetCase(int port, int clients, int seconds) =>
        Load.Wrk($"http://127.0.0.1:{port}", Reads, clients, seconds, setup.ReaderTokenFile, setup.Cases.ToString(CultureInfo.InvariantCulture), "/api/cases/%s");

    /// <summary>The machine's HTTP floor: Kestrel + routing + health check, no authentication, no database.</summary>
    public Task<LoadResult> Health(int port, int clients, int seconds) =>
        Load.Wrk($"http://127.0.0.1:{port}", Reads, clients, seconds, setup.ReaderTokenFile, "1", "/health/live");

    public Task<LoadResult> RawCase(int clients, int seconds) =>
        Load.PgBench(connectionString, setup.ReadCaseScript, clients, seconds, ("cases", setup.Cases.ToString(CultureInfo.InvariantCulture)));

    public Task<LoadResult> List(int port, int clients, int seconds) =>
        Load.Wrk($"http://127.0.0.1:{port}", Reads, clients, seconds, setup.ReaderTokenFile, "1", BenchSetup.ListPath);

    public Task<LoadResult> RawList(int clients, int seconds) => Load.PgBench(connectionString, setup.ListScript, clients, seconds);

    /// <summary>Time travel: the state endpoint (HTTP, replaying through the CaseDetails projection) against a raw fetch of the stream's rows.</summary>
    public async Task<IReadOnlyList<Timing>> TimeTravel(int port, int runs)
    {
        using var auditor = Tools.Client(port, Tools.Token(BenchSetup.Tenant, "auditor"));
        var id = setup.LongStreamId;
        var events = setup.LongStreamEvents;
        var types = CaseEventTypes.All.ToDictionary(t => t.Name, t => t.Type);
        var json = new JsonSerializerOptions(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };
        var api = new JsonSerializerOptions();
        ApiJson.Configure(api);
        var projection = new CaseDetailsProjection();
        return await Measure.Interleaved(runs,
            ($"raw SQL fetch of the {events:N0} rows (baseline)", () => BenchSetup.RawFetch(connectionString, BenchSetup.Tenant, id)),
            ("raw fetch + System.Text.Json deserialization of each event (no Marten; analysis)", () => BenchSetup.RawFetch(connectionString, BenchSetup.Tenant, id,
                (_, type, data) => JsonSerializer.Deserialize(data, types[type], json))),
            ("raw fetch + deserialization + CaseDetailsProjection + response JSON (no Marten; what a hand-written state query would do)", async () =>
            {
                CaseDetails? details = null;
                await BenchSetup.RawFetch(connectionString, BenchSetup.Tenant, id,
                    (version, type, data) => details = projection.Apply(details, id, JsonSerializer.Deserialize(data, types[type], json)!, version));
                _ = JsonSerializer.SerializeToUtf8Bytes(details, api);
            }),
            ($"GET /api/cases/{{id}}/state?version={events} (HTTP, Host process)", async () =>
            {
                using var response = await auditor.GetAsync($"/api/cases/{id}/state?version={events}");
                response.EnsureSuccessStatusCode();
                await response.Content.ReadAsByteArrayAsync();
            }));
    }

    private static string Reads => Path.Combine(Tools.RepoRoot, "bench", "load", "reads.lua");
}
