using System.Globalization;
using System.Reflection;
using JasperFx.Events;
using Participation.Host.Infrastructure;
using System.Text.Json;
using System.Text.Json.Serialization;
using Participation.Projections.Cases;

namespace Participation.Bench;

/// <summary>Item 3: reads over HTTP against the raw SQL fetch of the same rows.</summary>
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
        var types = CaseEventTypes.Names.ToDictionary(kv => kv.Value, kv => kv.Key);
        var json = new JsonSerializerOptions(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };
        var api = new JsonSerializerOptions();
        ApiJson.Configure(api);
        var projection = new CaseDetailsProjection();
        return await Measure.Interleaved(runs,
            ($"raw SQL fetch of the {events:N0} rows (baseline)", () => BenchSetup.RawFetch(connectionString, BenchSetup.Tenant, id)),
            ("raw fetch + System.Text.Json deserialization of each event (no Marten; analysis)", () => BenchSetup.RawFetch(connectionString, BenchSetup.Tenant, id,
                (_, type, data) => JsonSerializer.Deserialize(data, types[type], json))),
            ("raw fetch + deserialization + CaseDetailsProjection.Evolve + response JSON (no Marten; what a hand-written state query would do)", async () =>
            {
                CaseDetails? details = null;
                await BenchSetup.RawFetch(connectionString, BenchSetup.Tenant, id,
                    (version, type, data) => details = projection.Evolve(details, id, Wrap(JsonSerializer.Deserialize(data, types[type], json)!, version)));
                _ = JsonSerializer.SerializeToUtf8Bytes(details, api);
            }),
            ($"GET /api/cases/{{id}}/state?version={events} (HTTP, Host process)", async () =>
            {
                using var response = await auditor.GetAsync($"/api/cases/{id}/state?version={events}");
                response.EnsureSuccessStatusCode();
                await response.Content.ReadAsByteArrayAsync();
            }));
    }

    private static readonly Dictionary<Type, Func<object, IEvent>> Wrappers = [];

    /// <summary>Wraps event data as Marten's <c>Event&lt;T&gt;</c>, the way the projection receives it.</summary>
    private static IEvent Wrap(object data, long version)
    {
        if (!Wrappers.TryGetValue(data.GetType(), out var wrap))
        {
            var method = typeof(ReadBenchmarks).GetMethod(nameof(MakeEvent), BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(data.GetType());
            Wrappers[data.GetType()] = wrap = method.CreateDelegate<Func<object, IEvent>>();
        }
        var e = wrap(data);
        e.Version = version;
        return e;
    }

    private static IEvent MakeEvent<T>(object data) where T : notnull => new Event<T>((T)data);

    private static string Reads => Path.Combine(Tools.RepoRoot, "bench", "load", "reads.lua");
}
