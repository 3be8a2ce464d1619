using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;
using Npgsql;
using Participation.Domain.Cases;
using Participation.Host.Operations;
using Participation.Projections.Progress;
using Wolverine;

namespace Participation.Bench;

/// <summary>
/// Failover: three Host processes (published, Production) on one database under a steady stream of commands, one of
/// them killed with SIGKILL: how long until the async projections and the webhook deliveries are caught up again, that
/// nothing acknowledged was lost and the read models are exact, and what the node health checks cost the idle database.
/// The baseline is the same run with Wolverine's own node-health settings instead of the Host's (<c>Cluster:*</c>).
/// </summary>
public static partial class FailoverBenchmarks
{
    private const string Schema = "bench_failover";
    private const int Nodes = 3;
    private const int Cases = 100;
    private static readonly string[] Shards = ["CaseProgress:All", "Networks:All", "Notifications:All"];
    // An event processed later than this after its commit counts as delayed by the failover; the normal lag is a fraction of it.
    private static readonly TimeSpan Behind = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan IdleWindow = TimeSpan.FromSeconds(30);
    private const string NodeHealthStatements = "wolverine_node|wolverine_agent_restrictions|advisory_lock";

    /// <summary>A set of node-health settings: the Host's own defaults, or Wolverine's (the baseline).</summary>
    private sealed record Variant(string Name, TimeSpan HealthCheckPollingTime, TimeSpan StaleNodeTimeout, TimeSpan FirstHealthCheckExecution,
        TimeSpan CheckAssignmentPeriod)
    {
        public Dictionary<string, string> Environment => new()
        {
            ["Cluster__HealthCheckPollingTime"] = HealthCheckPollingTime.ToString("c", CultureInfo.InvariantCulture),
            ["Cluster__StaleNodeTimeout"] = StaleNodeTimeout.ToString("c", CultureInfo.InvariantCulture),
            ["Cluster__FirstHealthCheckExecution"] = FirstHealthCheckExecution.ToString("c", CultureInfo.InvariantCulture),
            ["Cluster__CheckAssignmentPeriod"] = CheckAssignmentPeriod.ToString("c", CultureInfo.InvariantCulture),
        };

        public string Settings => $"health check every {HealthCheckPollingTime.TotalSeconds:0.#} s, stale after {StaleNodeTimeout.TotalSeconds:0.#} s, " +
                                  $"first check after {FirstHealthCheckExecution.TotalSeconds:0.#} s, assignments checked every {CheckAssignmentPeriod.TotalSeconds:0.#} s";
    }

    private static readonly Variant Baseline = From("Wolverine's defaults (baseline)", new DurabilitySettings());
    private static readonly Variant Tuned = From("the Host's defaults (`Cluster:*`)", new ClusterOptions());

    private static Variant From(string name, DurabilitySettings d) =>
        new(name, d.HealthCheckPollingTime, d.StaleNodeTimeout, d.FirstHealthCheckExecution, d.CheckAssignmentPeriod);

    private static Variant From(string name, ClusterOptions c) =>
        new(name, c.HealthCheckPollingTime, c.StaleNodeTimeout, c.FirstHealthCheckExecution, c.CheckAssignmentPeriod);

    /// <summary>Which node is killed: the one running an agent (an async shard, or the leader's role), named by its URI.</summary>
    private sealed record Victim(string Name, Func<string, bool> Runs);

    private static readonly Victim[] Victims =
    [
        new("the node projecting CaseProgress", agent => agent.EndsWith("/caseprogress/all", StringComparison.Ordinal)),
        new("the node running the notification fan-out (and so pumping the deliveries)", agent => agent.EndsWith("/notifications/all", StringComparison.Ordinal)),
        new("the leader", agent => agent.StartsWith("wolverine://leader", StringComparison.Ordinal)),
    ];

    public static async Task<IReadOnlyList<string>> Run(string connectionString)
    {
        var rounds = (int)Env("BENCH_FAILOVER_ROUNDS", 1);
        var rate = (int)Env("BENCH_FAILOVER_RATE", 100);
        var before = TimeSpan.FromSeconds(Env("BENCH_FAILOVER_BEFORE", 10));
        var after = TimeSpan.FromSeconds(Env("BENCH_FAILOVER_AFTER", 20));
        await using var receiver = await WebhookReceiver.StartAsync();
        var statements = new Statements(connectionString);

        var runs = new List<RunResult>();
        for (var round = 0; round < rounds; round++)
            foreach (var victim in Victims)
                foreach (var variant in new[] { Baseline, Tuned })
                {
                    Tools.Log($"failover: {variant.Name}, killing {victim.Name} ({runs.Count + 1} of {rounds * Victims.Length * 2})");
                    runs.Add(await Once(connectionString, variant, victim, receiver, statements, rate, before, after, runs.Count + 1));
                    Tools.Log($"failover: {Row(runs[^1])}");
                }

        var lines = new List<string>();
        lines.AddRange(Targets(runs));
        lines.AddRange(RunsTable(runs, rate, before, after));
        lines.AddRange(CostTable(runs));
        return lines;
    }

    private sealed record RunResult(Variant Variant, Victim Victim, string VictimAgents, int Acknowledged, int Failed, IReadOnlyDictionary<int, int> Refused,
        int Lost, long ProgressMismatches, long Connections, long ConnectedEvents, long Appended, int Delivered, int Duplicates, int OutOfOrder,
        double Reassigned, double Ejected, IReadOnlyDictionary<string, double> CaughtUp, double Deliveries, IReadOnlyDictionary<string, double> LagBefore,
        double DeliveryLagBefore, double SampledFor, Cost Idle)
    {
        /// <summary>From the kill until every async shard and the deliveries were caught up for good.</summary>
        public double Failover => Math.Max(CaughtUp.Values.Max(), Deliveries);
        public bool Exact => Lost == 0 && ProgressMismatches == 0 && Connections == ConnectedEvents && Delivered == Appended;
    }

    /// <summary>The idle cluster's statements over <see cref="IdleWindow"/>: all of them, and those of the node health checks.</summary>
    private sealed record Cost(double Calls, double Ms, double HealthCalls, double HealthMs, IReadOnlyList<Statements.Row> Health);

    private static async Task<RunResult> Once(string connectionString, Variant variant, Victim victim, WebhookReceiver receiver, Statements statements,
        int rate, TimeSpan before, TimeSpan after, int number)
    {
        await Tools.Sql(connectionString, $"drop schema if exists {Schema} cascade");
        var nodes = new List<Node>();
        try
        {
            // The first node applies the schema (as `resources setup` would at deploy time), then the other two join.
            nodes.Add(await Node.StartAsync(connectionString, variant, applySchema: true));
            nodes.AddRange(await Task.WhenAll(Enumerable.Range(1, Nodes - 1).Select(_ => Node.StartAsync(connectionString, variant, applySchema: false))));

            var tenant = $"failover-{Guid.NewGuid().ToString("N")[..8]}";
            var hook = receiver.NewHook($"failover{number}");
            using (var admin = Tools.Client(nodes[0].Port, Tools.Token(tenant, "admin")))
                (await admin.PostAsJsonAsync("/api/subscriptions", new { callbackUrl = hook.Url.ToString(), eventTypes = new[] { "*" } })).EnsureSuccessStatusCode();
            var clients = nodes.Select(n => Tools.Client(n.Port, Tools.Token(tenant, "caseworker"))).ToList();
            var cases = await ProgressBenchmarks.Prepare(clients[0], Cases);
            await Settled(connectionString, variant, nodes, hook, tenant);

            await statements.Reset();
            await Task.Delay(IdleWindow);
            var idle = await IdleCost(statements);

            var placements = await Placements(connectionString);
            var victimNode = nodes.Single(n => n.Id == placements.Agents.Single(a => victim.Runs(a.Key)).Value);
            var victimAgents = string.Join(", ", placements.Agents.Where(a => a.Value == victimNode.Id).Select(a => AgentName(a.Key)).Order());

            using var stopSampling = new CancellationTokenSource();
            var sampledFrom = DateTimeOffset.UtcNow;
            var sampling = Sample(connectionString, stopSampling.Token);
            var load = await DriveAndKill(nodes.Zip(clients).ToList(), victimNode, cases, rate, before, after);
            await CaughtUp(connectionString, hook, tenant, TimeSpan.FromMinutes(5));
            await Task.Delay(100);
            await stopSampling.CancelAsync();
            var samples = await sampling;
            foreach (var client in clients) client.Dispose();

            var events = await Events(connectionString, tenant);
            var killedAt = load.KilledAt;
            // The events of the load (those before it were projected and delivered before the sampling started).
            var driven = events.Where(e => e.At >= sampledFrom).ToList();
            var caughtUp = Shards.ToDictionary(s => s, s => CaughtUpAfter(driven.Select(e => (e.At, ProjectedAt(samples, s, e.Sequence))), killedAt));
            // The normal lag: events committed well before the kill (those of its last seconds wait for the failover).
            var steady = killedAt - 2 * Behind;
            var lagBefore = Shards.ToDictionary(s => s, s => P99(driven.Where(e => e.At < steady).Select(e => ProjectedAt(samples, s, e.Sequence) - e.At)));
            var accepted = hook.Arrivals.Where(a => a.Answer is >= 200 and < 300).ToList();
            var firstArrivals = accepted.GroupBy(a => a.EventId).Select(g => g.First()).Where(a => a.Committed >= sampledFrom).ToList();
            var deliveries = CaughtUpAfter(firstArrivals.Select(a => (a.Committed, a.At)), killedAt);
            var deliveryLagBefore = P99(firstArrivals.Where(a => a.Committed < steady).Select(a => a.At - a.Committed));

            var (reassigned, ejected) = Takeover(samples, placements, victimNode.Id, killedAt);
            await SaveTimeline(driven, samples, firstArrivals, killedAt, number);
            var stored = events.Select(e => (e.Stream, e.Version)).ToHashSet();
            var (connections, connected) = await NetworksTotals(connectionString, tenant);
            await SaveLogs(nodes, number);
            return new RunResult(variant, victim, victimAgents, load.Acks.Count, load.Failed, load.Refused,
                load.Acks.Count(a => !stored.Contains((a.Case, a.Version))), await ProgressMismatches(connectionString, tenant), connections, connected,
                events.Count, hook.Delivered, accepted.Count - hook.Delivered, OutOfOrder(accepted),
                reassigned, ejected, caughtUp, deliveries, lagBefore, deliveryLagBefore, (samples.Progress[^1].At - killedAt).TotalSeconds, idle);
        }
        finally
        {
            foreach (var node in nodes) await node.DisposeAsync();
        }
    }

    /// <summary>One Host process with the Wolverine node id it logged at start.</summary>
    private sealed partial class Node(ServerProcess process, Guid id) : IAsyncDisposable
    {
        public ServerProcess Process { get; } = process;
        public Guid Id { get; } = id;
        public int Port => Process.Port;

        public static async Task<Node> StartAsync(string connectionString, Variant variant, bool applySchema)
        {
            var env = ServerProcess.HostEnv(connectionString, Schema, applySchema: applySchema);
            env["Notifications__AllowInsecureCallbacks"] = "true";
            env["Logging__LogLevel__Default"] = "Warning";
            env["Logging__LogLevel__Microsoft.AspNetCore.HttpLogging"] = "Warning";
            // Its node id, the agents it starts and stops, leadership and ejections (the logs in bench/results).
            env["Logging__LogLevel__Wolverine.Runtime.Agents.NodeAgentController"] = "Information";
            foreach (var (key, value) in variant.Environment) env[key] = value;
            var process = ServerProcess.Start(Tools.HostDll, FreePort(), env);
            await process.WaitUntilListening();
            var watch = Stopwatch.StartNew();
            while (NodeId().Match(process.Output) is not { Success: true } match)
            {
                if (watch.Elapsed > TimeSpan.FromSeconds(60)) throw new TimeoutException($"the node on port {process.Port} logged no node id:\n{process.Output}");
                await Task.Delay(50);
            }
            return new Node(process, Guid.Parse(NodeId().Match(process.Output).Groups[1].Value));
        }

        public ValueTask DisposeAsync() => Process.DisposeAsync();

        [GeneratedRegex("Starting agents for Node ([0-9a-f-]{36})")]
        private static partial Regex NodeId();

        private static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
    }

    /// <summary>
    /// Waits until the cluster has settled after start-up: every async shard and the durability agent placed, each node
    /// running some of them, no change for a health check and a second, the projections and the deliveries caught up.
    /// </summary>
    private static async Task Settled(string connectionString, Variant variant, IReadOnlyList<Node> nodes, Hook hook, string tenant)
    {
        var watch = Stopwatch.StartNew();
        var stable = Stopwatch.StartNew();
        var last = "";
        while (true)
        {
            if (watch.Elapsed > TimeSpan.FromMinutes(3)) throw new TimeoutException($"the cluster did not settle: {last}");
            var placements = await Placements(connectionString);
            var now = string.Join(" ", placements.Agents.OrderBy(a => a.Key).Select(a => $"{AgentName(a.Key)}@{nodes.ToList().FindIndex(n => n.Id == a.Value)}"));
            if (now != last) stable.Restart();
            last = now;
            var complete = placements.Agents.Count(a => a.Key.StartsWith("event-subscriptions:", StringComparison.Ordinal)) == Shards.Length
                           && placements.Agents.Keys.Any(a => a.StartsWith("wolverinedb:", StringComparison.Ordinal))
                           && nodes.All(n => placements.Agents.ContainsValue(n.Id));
            if (complete && stable.Elapsed > variant.HealthCheckPollingTime + TimeSpan.FromSeconds(1)) break;
            await Task.Delay(250);
        }
        await CaughtUp(connectionString, hook, tenant, TimeSpan.FromMinutes(1));
        Tools.Log($"failover: settled after {watch.Elapsed.TotalSeconds:N0} s: {last}");
    }

    private static async Task<Cost> IdleCost(Statements statements)
    {
        var all = await statements.Top(500);
        var health = await statements.Top(500, NodeHealthStatements);
        var seconds = IdleWindow.TotalSeconds * Nodes;
        return new Cost(all.Sum(r => r.Calls) / seconds, all.Sum(r => r.TotalMs) / seconds, health.Sum(r => r.Calls) / seconds,
            health.Sum(r => r.TotalMs) / seconds, health);
    }

    private sealed record Ack(Guid Case, long Version);

    private sealed class Load
    {
        public List<Ack> Acks { get; } = [];
        public Dictionary<int, int> Refused { get; } = [];
        public int Failed;
        public DateTimeOffset KilledAt { get; set; }
    }

    /// <summary>
    /// Commands at a fixed rate (at most 32 in flight) spread over the nodes in turn, 80 % contact moments and 20 % network
    /// connections on random cases; after <paramref name="before"/> the victim is killed and the rest go to the others, as
    /// a load balancer would send them once its health check failed. Every 2xx answer names the case's new version.
    /// </summary>
    private static async Task<Load> DriveAndKill(List<(Node Node, HttpClient Client)> nodes, Node victim, List<(Guid Case, Guid Parent)> cases, int rate,
        TimeSpan before, TimeSpan after)
    {
        var load = new Load();
        var targets = nodes.Select(n => n.Client).ToArray();
        var random = new Random(rate);
        await Tools.Paced(rate, (int)(rate * (before + after).TotalSeconds), async (n, elapsed) =>
        {
            if (load.KilledAt == default && elapsed >= before)
            {
                victim.Process.Kill();
                load.KilledAt = DateTimeOffset.UtcNow;
                targets = nodes.Where(node => node.Node != victim).Select(node => node.Client).ToArray();
            }
            var client = targets[n % targets.Length];
            var (caseId, parent) = cases[random.Next(cases.Count)];
            await Task.Yield();
            try
            {
                using var response = n % 5 == 0
                    ? await client.PostAsJsonAsync($"/api/cases/{caseId}/connections", new
                    {
                        network = new { name = $"Netwerk {n % 25}", kind = "informal" }, participantIds = new[] { parent }, purpose = "Samen",
                    })
                    : await ProgressBenchmarks.ContactMoment(client, caseId, parent, 0, n);
                if (!response.IsSuccessStatusCode)
                {
                    lock (load) load.Refused[(int)response.StatusCode] = load.Refused.GetValueOrDefault((int)response.StatusCode) + 1;
                    return;
                }
                var version = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt64();
                lock (load) load.Acks.Add(new Ack(caseId, version));
            }
            catch (HttpRequestException)
            {
                // Sent to the victim as it was killed: not acknowledged, so it may or may not have been committed.
                Interlocked.Increment(ref load.Failed);
            }
        });
        return load;
    }

    /// <summary>Waits until every shard has passed the last event and every event of the tenant has reached the receiver.</summary>
    private static async Task CaughtUp(string connectionString, Hook hook, string tenant, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var last = await Tools.Scalar<long>(connectionString, $"select coalesce(max(seq_id), 0) from {Schema}.mt_events");
            var appended = await Tools.Scalar<long>(connectionString, $"select count(*) from {Schema}.mt_events where tenant_id = '{tenant}'");
            var atLast = await Tools.Scalar<long>(connectionString,
                $"select count(*) from {Schema}.mt_event_progression where name = any(array['{string.Join("','", Shards)}']) and last_seq_id >= {last}");
            if (atLast == Shards.Length && hook.Delivered >= appended) return;
            if (watch.Elapsed > timeout)
                throw new TimeoutException($"not caught up after {timeout.TotalMinutes:N0} min: {atLast} of {Shards.Length} shards at {last}, {hook.Delivered} of {appended} delivered");
            await Task.Delay(100);
        }
    }

    /// <summary>Where the agents run (agent URI → node id) and which nodes are registered, at one moment.</summary>
    private sealed record Placement(DateTimeOffset At, Dictionary<string, Guid> Agents, HashSet<Guid> Nodes);

    private sealed record Samples(List<(DateTimeOffset At, Dictionary<string, long> Progress)> Progress, List<Placement> Placements);

    private static async Task<Placement> Placements(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        return await Placements(connection);
    }

    private static async Task<Placement> Placements(NpgsqlConnection connection)
    {
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands = { new($"select id, node_id from {Schema}.wolverine_node_assignments"), new($"select id from {Schema}.wolverine_nodes") },
        };
        await using var reader = await batch.ExecuteReaderAsync();
        var agents = new Dictionary<string, Guid>();
        while (await reader.ReadAsync()) agents[reader.GetString(0)] = reader.GetGuid(1);
        await reader.NextResultAsync();
        var nodes = new HashSet<Guid>();
        while (await reader.ReadAsync()) nodes.Add(reader.GetGuid(0));
        return new Placement(DateTimeOffset.UtcNow, agents, nodes);
    }

    /// <summary>Every 50 ms: each shard's progression and where the agents run.</summary>
    private static async Task<Samples> Sample(string connectionString, CancellationToken stop)
    {
        var samples = new Samples([], []);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(CancellationToken.None);
        await using var progression = new NpgsqlCommand($"select name, last_seq_id from {Schema}.mt_event_progression", connection);
        while (!stop.IsCancellationRequested)
        {
            var sequences = new Dictionary<string, long>();
            await using (var reader = await progression.ExecuteReaderAsync(CancellationToken.None))
                while (await reader.ReadAsync(CancellationToken.None)) sequences[reader.GetString(0)] = reader.GetInt64(1);
            samples.Progress.Add((DateTimeOffset.UtcNow, sequences));
            samples.Placements.Add(await Placements(connection));
            try { await Task.Delay(50, stop); } catch (OperationCanceledException) { }
        }
        return samples;
    }

    private static DateTimeOffset ProjectedAt(Samples samples, string shard, long sequence)
    {
        var progress = samples.Progress;
        var (lo, hi) = (0, progress.Count - 1);
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (progress[mid].Progress.GetValueOrDefault(shard) >= sequence) hi = mid; else lo = mid + 1;
        }
        return progress[lo].Progress.GetValueOrDefault(shard) >= sequence ? progress[lo].At : throw new InvalidOperationException($"{shard} never reached {sequence}");
    }

    /// <summary>
    /// Seconds from the kill until the last event that waited longer than <see cref="Behind"/> was processed: from then on
    /// everything was processed on time again. Zero when nothing processed after the kill was late.
    /// </summary>
    private static double CaughtUpAfter(IEnumerable<(DateTimeOffset Committed, DateTimeOffset Processed)> events, DateTimeOffset killedAt) =>
        events.Where(e => e.Processed > killedAt && e.Processed - e.Committed > Behind).Select(e => (e.Processed - killedAt).TotalSeconds).DefaultIfEmpty(0).Max();

    /// <summary>Seconds from the kill until the victim's agents all ran elsewhere, and until its node was ejected (its durable messages released).</summary>
    private static (double Reassigned, double Ejected) Takeover(Samples samples, Placement before, Guid victim, DateTimeOffset killedAt)
    {
        var agents = before.Agents.Where(a => a.Value == victim).Select(a => a.Key).ToList();
        var after = samples.Placements.Where(p => p.At > killedAt).ToList();
        var reassigned = after.FirstOrDefault(p => agents.All(a => p.Agents.TryGetValue(a, out var node) && node != victim));
        var ejected = after.FirstOrDefault(p => !p.Nodes.Contains(victim));
        return (reassigned is null ? double.NaN : (reassigned.At - killedAt).TotalSeconds, ejected is null ? double.NaN : (ejected.At - killedAt).TotalSeconds);
    }

    private sealed record StoredEvent(long Sequence, DateTimeOffset At, Guid Stream, long Version);

    private static async Task<List<StoredEvent>> Events(string connectionString, string tenant)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"select seq_id, timestamp, stream_id, version from {Schema}.mt_events where tenant_id = $1 order by seq_id", connection)
        {
            Parameters = { new() { Value = tenant } },
        };
        var events = new List<StoredEvent>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            events.Add(new StoredEvent(reader.GetInt64(0), reader.GetFieldValue<DateTimeOffset>(1), reader.GetGuid(2), reader.GetInt64(3)));
        return events;
    }

    /// <summary>
    /// Cases whose CaseProgress document does not stand at the version of the stream's last event that the projection
    /// handles (where a fresh rebuild would put it).
    /// </summary>
    private static Task<long> ProgressMismatches(string connectionString, string tenant)
    {
        var handled = string.Join("', '", new CaseProgressProjection().Handles.Select(t => CaseEventTypes.Of(t).Name));
        return Tools.Scalar<long>(connectionString,
            $"select count(*) from (select stream_id, max(version) as version from {Schema}.mt_events where tenant_id = '{tenant}' and type in ('{handled}') " +
            $"group by stream_id) e left join {Schema}.mt_doc_caseprogress p on p.id = e.stream_id and p.tenant_id = '{tenant}' " +
            "where (p.data->>'version')::bigint is distinct from e.version");
    }

    /// <summary>The connections Networks counts, and the <c>network_connected</c> events it should have counted.</summary>
    private static async Task<(long Counted, long Events)> NetworksTotals(string connectionString, string tenant) =>
        (await Tools.Scalar<long>(connectionString, $"select coalesce(sum((data->>'connections')::bigint), 0)::bigint from {Schema}.mt_doc_networksummary where tenant_id = '{tenant}'"),
         await Tools.Scalar<long>(connectionString, $"select count(*) from {Schema}.mt_events where tenant_id = '{tenant}' and type = 'network_connected'"));

    /// <summary>A case's events whose first delivery came after that of a later version of the case (redeliveries aside).</summary>
    private static int OutOfOrder(IEnumerable<Arrival> accepted) =>
        accepted.GroupBy(a => a.EventId).Select(g => g.First()).GroupBy(a => a.CaseId).Sum(c => c.Zip(c.Skip(1)).Count(p => p.Second.Version < p.First.Version));

    /// <summary>Each event of the load with, in seconds from the kill, its commit, when each shard passed it and when it was first delivered.</summary>
    private static async Task SaveTimeline(IReadOnlyList<StoredEvent> events, Samples samples, IReadOnlyList<Arrival> firstArrivals, DateTimeOffset killedAt, int number)
    {
        var delivered = firstArrivals.ToDictionary(a => (a.CaseId, a.Version), a => a.At);
        string At(DateTimeOffset? at) => at is { } t ? (t - killedAt).TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture) : "";
        var lines = events.Select(e => string.Join(',', [e.Sequence.ToString(CultureInfo.InvariantCulture), At(e.At),
            ..Shards.Select(s => At(ProjectedAt(samples, s, e.Sequence))), At(delivered.TryGetValue((e.Stream, e.Version), out var d) ? d : null)]));
        await File.WriteAllLinesAsync(Path.Combine(Tools.Work, $"failover-{number}-events.csv"),
            [string.Join(',', ["sequence", "committed", .. Shards, "delivered"]), .. lines]);
    }

    private static async Task SaveLogs(IReadOnlyList<Node> nodes, int number)
    {
        for (var i = 0; i < nodes.Count; i++)
            await File.WriteAllTextAsync(Path.Combine(Tools.Work, $"failover-{number}-node{i + 1}.log"), nodes[i].Process.Output);
    }

    private static string AgentName(string uri) =>
        uri.StartsWith("wolverinedb:", StringComparison.Ordinal) ? "durability agent"
        : uri.StartsWith("wolverine://leader", StringComparison.Ordinal) ? "leader"
        : uri.TrimEnd('/').Split('/')[^2] switch { "caseprogress" => "CaseProgress", "networks" => "Networks", "notifications" => "fan-out", var other => other };

    private static double P99(IEnumerable<TimeSpan> lags)
    {
        var sorted = lags.Select(l => l.TotalSeconds).Order().ToList();
        return Tools.Percentile(sorted, 99);
    }

    private static string Seconds(double seconds) => $"{seconds:N1}";

    // Not seen while sampling: later than the run's end.
    private static string Seconds(double seconds, double sampledFor) => double.IsNaN(seconds) ? $"> {sampledFor:N0}" : Seconds(seconds);

    private static string Row(RunResult r) =>
        $"| {r.Variant.Name} | {r.Victim.Name}: {r.VictimAgents} | {Seconds(r.Reassigned, r.SampledFor)} | {Seconds(r.Ejected, r.SampledFor)} | " +
        string.Join(" | ", Shards.Select(s => Seconds(r.CaughtUp[s]))) + $" | {Seconds(r.Deliveries)} | **{Seconds(r.Failover)}** | " +
        $"{r.Acknowledged:N0} / {r.Failed} / {r.Refused.Values.Sum()} | {r.Lost} | {r.ProgressMismatches} | {r.Connections:N0} of {r.ConnectedEvents:N0} | " +
        $"{r.Delivered:N0} of {r.Appended:N0} | {r.Duplicates} | {r.OutOfOrder} |";

    private static IReadOnlyList<string> Targets(IReadOnlyList<RunResult> runs)
    {
        static string Met(bool met) => met ? "**met**" : "**missed**";
        double Worst(Variant v) => runs.Where(r => r.Variant == v).Max(r => r.Failover);
        double Median(Variant v) => Tools.Median(runs.Where(r => r.Variant == v).Select(r => r.Failover));
        var tuned = runs.Where(r => r.Variant == Tuned).ToList();
        var lost = runs.Sum(r => r.Lost);
        var inexact = runs.Count(r => !r.Exact);
        var cost = Tools.Median(tuned.Select(r => r.Idle.HealthCalls));
        var baselineCost = Tools.Median(runs.Where(r => r.Variant == Baseline).Select(r => r.Idle.HealthCalls));
        return
        [
            "### Targets",
            "",
            "| goal | measured (Host's defaults) | baseline: Wolverine's defaults (same run) | ratio / value | target | |",
            "|---|---|---|---:|---|---|",
            $"| kill → every async projection and the deliveries caught up, worst of {tuned.Count} kills | median {Median(Tuned):N1} s | worst {Worst(Baseline):N1} s, median {Median(Baseline):N1} s | " +
            $"{Worst(Tuned):N1} s ({Worst(Tuned) / Worst(Baseline):0.00}×) | ≤ 15 s | {Met(Worst(Tuned) <= 15)} |",
            $"| nothing acknowledged lost | {runs.Sum(r => r.Acknowledged):N0} commands answered 2xx | — | {lost} lost | 0 | {Met(lost == 0)} |",
            $"| read models exact and every event delivered once the load stopped | {runs.Count - inexact} of {runs.Count} runs | — | {inexact} not | 0 | {Met(inexact == 0)} |",
            $"| node health statements per node and second, idle | {cost:N2} | {baselineCost:N2} | {cost / baselineCost:0.0}× | (cost) | |",
            "",
        ];
    }

    private static IReadOnlyList<string> RunsTable(IReadOnlyList<RunResult> runs, int rate, TimeSpan before, TimeSpan after)
    {
        var lines = new List<string>
        {
            $"### Each kill: seconds from the SIGKILL until …",
            "",
            "| settings | killed (what it ran) | its agents elsewhere | it was ejected | CaseProgress caught up | Networks caught up | fan-out caught up | " +
            "deliveries caught up | **failover** | acknowledged / failed at the kill / other answers | lost | CaseProgress not exact | Networks connections | delivered | duplicates | out of order |",
            "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|",
        };
        lines.AddRange(runs.Select(Row));
        lines.Add("");
        lines.Add($"Settings: {Baseline.Name}: {Baseline.Settings}; {Tuned.Name}: {Tuned.Settings}. " +
                  $"Normal lag before the kill (p99 of the commit-to-processed time of the events committed until 2 s before it): " +
                  string.Join(", ", Shards.Select(s => $"{s} {Tools.Median(runs.Select(r => r.LagBefore[s])):N2} s")) +
                  $", deliveries {Tools.Median(runs.Select(r => r.DeliveryLagBefore)):N2} s (medians over the runs).");
        lines.Add("");
        lines.Add($"Each run starts three published Host processes (Production configuration, static handler code, `Marten:Daemon` Distributed) on a fresh " +
                  $"schema of one database, registers a webhook subscription to `*` (a Kestrel receiver on loopback in the benchmark process, answering 200) " +
                  $"and opens {Cases} cases, waits until Wolverine has spread the async shards (CaseProgress, Networks and the notification fan-out) and its " +
                  $"durability agent over the three nodes and everything is projected and delivered, measures the idle cluster for {IdleWindow.TotalSeconds:N0} s, " +
                  $"then sends {rate} commands/s (80 % contact moments, 20 % network connections, at most 32 in flight) to the nodes in turn. After " +
                  $"{before.TotalSeconds:N0} s one node is killed with SIGKILL and the load goes on to the other two for {after.TotalSeconds:N0} s. The killed " +
                  "node is, in turn, the one projecting CaseProgress, the one running the fan-out (whose node also pumps the deliveries), and the leader; " +
                  "the column says which agents it ran. A shard's progression and the agents' placement are sampled every 50 ms. A shard (or the deliveries) " +
                  $"is caught up from the moment the last event that waited more than {Behind.TotalSeconds:N0} s after its commit was projected (delivered); the " +
                  "failover is the latest of those. Acknowledged are the commands answered 2xx; each names the case's new version, which must be stored " +
                  "(lost otherwise). Failed are the requests in flight to the killed node, never answered; other answers are non-2xx ones. Once the load stopped and everything caught up, " +
                  "each case's CaseProgress must stand at its stream's version, the networks' connections must add up to the `network_connected` events, " +
                  "and every event must have reached the receiver (duplicates are at-least-once redeliveries after the kill). The nodes' logs are in " +
                  "`bench/results/failover-*.log`.");
        lines.Add("");
        return lines;
    }

    private static IReadOnlyList<string> CostTable(IReadOnlyList<RunResult> runs)
    {
        var lines = new List<string>
        {
            $"### What the node health checks cost the database (the idle cluster, {IdleWindow.TotalSeconds:N0} s per run, per node, medians over the runs)",
            "",
            "| settings | node-health statements/s | their execution ms/s | all statements/s | all execution ms/s |",
            "|---|---:|---:|---:|---:|",
        };
        foreach (var variant in new[] { Baseline, Tuned })
        {
            var costs = runs.Where(r => r.Variant == variant).Select(r => r.Idle).ToList();
            lines.Add($"| {variant.Name} | {Tools.Median(costs.Select(c => c.HealthCalls)):N2} | {Tools.Median(costs.Select(c => c.HealthMs)):N3} | " +
                      $"{Tools.Median(costs.Select(c => c.Calls)):N1} | {Tools.Median(costs.Select(c => c.Ms)):N2} |");
        }
        lines.Add("");
        var tuned = runs.Last(r => r.Variant == Tuned).Idle.Health;
        lines.Add($"The node-health statements of the last run with the Host's defaults (`pg_stat_statements`, all three nodes, {IdleWindow.TotalSeconds:N0} s):");
        lines.Add("");
        lines.Add("| calls | total ms | mean ms | statement |");
        lines.Add("|---:|---:|---:|---|");
        lines.AddRange(tuned.Select(s => $"| {s.Calls:N0} | {s.TotalMs:N1} | {s.MeanMs:0.000} | " +
                                         $"`{(s.Query.Length > 150 ? s.Query[..150] + "…" : s.Query).Replace("|", "\\|").Replace("`", "'")}` |"));
        lines.Add("");
        lines.Add("Node-health statements are those on Wolverine's node, assignment and restriction tables and its leadership advisory lock; " +
                  "\"all\" adds everything else an idle node polls (the durable inbox and outbox, scheduled messages, the control queue, the daemon's " +
                  "high-water mark, the readiness gauges).");
        lines.Add("");
        return lines;
    }

    private static double Env(string name, double fallback) =>
        double.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : fallback;
}
