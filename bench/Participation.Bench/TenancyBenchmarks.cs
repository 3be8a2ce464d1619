using JasperFx.Resources;
using Marten;
using Marten.Storage;
using Npgsql;
using Participation.Host.Operations;

namespace Participation.Bench;

/// <summary>
/// A database per municipality (issue 30, ADR 40): BENCH_TENANCY_DATABASES tenant databases (default 50, cloned from a
/// template that holds the schema) behind a master database, three nodes (in the benchmark's process, Production
/// configuration, each naming itself in <c>application_name</c>), contact moments on every tenant through every node. Measured:
/// the connections each node holds during the load and after it went quiet, against what the pools allow; and, with a second
/// PostgreSQL server (BENCH_SECOND_SERVER, started by bench/run.sh), the commands/s with half the tenants there against all
/// on one server.
/// </summary>
public static class TenancyBenchmarks
{
    private const string Prefix = "bench_tn_";
    private const int Nodes = 3;
    private const int CasesPerTenant = 4;

    public static async Task<IReadOnlyList<string>> Run(string connectionString)
    {
        var databases = int.Parse(Environment.GetEnvironmentVariable("BENCH_TENANCY_DATABASES") ?? "50");
        var window = TimeSpan.FromSeconds(int.Parse(Environment.GetEnvironmentVariable("BENCH_TENANCY_SECONDS") ?? "30"));
        var second = Environment.GetEnvironmentVariable("BENCH_TENANCY_TWO_SERVERS") == "0" ? null : Environment.GetEnvironmentVariable("BENCH_SECOND_SERVER");
        // Settings for every node, e.g. "Progress:LagSampleSeconds=3600;FollowUp:Timers=false" to see what the pollers cost.
        var extra = (Environment.GetEnvironmentVariable("BENCH_TENANCY_NODE_SETTINGS") ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2)).ToDictionary(pair => pair[0], pair => pair[1]);
        var idleSeconds = TenantPools.DefaultIdleSeconds;
        var lines = new List<string>
        {
            $"Rerun with `bash bench/run.sh tenancy` (`BENCH_TENANCY_DATABASES=10 BENCH_TENANCY_SECONDS=10` for a trial). {Nodes} nodes in the " +
            "benchmark's process (Alba, Production configuration, `Tenancy:Mode=database-per-tenant`, the schema applied beforehand as " +
            $"`resources setup` would), {databases} tenant databases cloned from a template, {CasesPerTenant} cases (each with a parent) per " +
            "tenant; contact moments, 8 at a time, on every tenant's cases through every node in turn. Each pool of a tenant database is bounded " +
            $"by `Tenancy:ConnectionsPerDatabase` (default {TenantPools.DefaultConnectionsPerDatabase}) and gives back a connection idle for " +
            $"`Tenancy:IdleSeconds` (default {idleSeconds}).",
            "",
        };

        var serverA = connectionString;
        if (extra.Count > 0) lines.AddRange([$"Every node (both modes) also had: `{string.Join("`, `", extra.Select(e => $"{e.Key}={e.Value}"))}`.", ""]);
        var shared = await SharedBaselineAsync(serverA, databases, window, extra);
        Tools.Log($"shared database: {shared.PerSecond:N0}/s");
        await DropAsync(serverA);
        if (second is not null) await DropAsync(second);
        var master = On(serverA, "master");
        await Tools.Sql(serverA, $"create database {Prefix}master");
        // The templates before any node runs: a node that saw a template in the master table would hold connections to it.
        var templateA = await TemplateAsync(master, serverA, "template_a");
        var templateB = second is null ? null : await TemplateAsync(master, second, "template_b");
        var onA = Enumerable.Range(1, databases).Select(i => $"a{i:00}").ToList();
        foreach (var tenant in onA) await CloneAsync(master, serverA, templateA, tenant);
        Tools.Log($"{databases} tenant databases on the first server");

        var nodes = new List<BenchHost>();
        for (var n = 1; n <= Nodes; n++)
            nodes.Add(await BenchHost.StartAsync(master, "participation", new Dictionary<string, string>
            {
                [TenancyModes.Setting] = "database-per-tenant", ["Database:ApplySchemaOnStartup"] = "false", ["Database:ApplicationName"] = $"node-{n}",
            }.Concat(extra).ToDictionary(), reset: false));
        try
        {
            var load = await SeedAsync(nodes, onA);
            // Untimed first: the nodes' code warms up and the daemons catch up with the seeding.
            await RunWithSamplesAsync(load, TimeSpan.FromSeconds(15), [serverA]);
            var oneServer = await RunWithSamplesAsync(load, window, [serverA]);
            Tools.Log($"all on one server: {oneServer.Load.PerSecond:N0}/s, connections per node at most {string.Join(", ", oneServer.MaxPerNode.Values)}");
            await Task.Delay(TimeSpan.FromSeconds(idleSeconds + 15));
            var quiet = await ConnectionsAsync([serverA]);

            lines.Add($"### {databases} tenant databases, {Nodes} nodes: connections per node");
            lines.Add("");
            lines.Add("| node | most during the load | after " + (idleSeconds + 15) + " s quiet |");
            lines.Add("|---|---:|---:|");
            foreach (var node in Enumerable.Range(1, Nodes).Select(n => $"node-{n}"))
                lines.Add($"| {node} | {oneServer.MaxPerNode.GetValueOrDefault(node)} | {quiet.GetValueOrDefault(node)} |");
            lines.Add("");
            lines.AddRange(
            [
                "| contact moments, the same tenants and load | commands | s | commands/s | p50 ms | p99 ms | × shared |",
                "|---|---:|---:|---:|---:|---:|---:|",
                Row($"all {databases} tenants in one shared database (`Tenancy:Mode=shared`, baseline)", shared, shared.PerSecond),
                Row($"each tenant in a database of its own", oneServer.Load, shared.PerSecond),
                "",
            ]);
            lines.Add($"What bounds a node: " +
                      $"at most {TenantPools.DefaultConnectionsPerDatabase} connections per pool and tenant database (the store's; the list's " +
                      "unprepared search and the processing log each have a pool of their own, used by those reads only), plus the master database's.");
            lines.Add("");

            if (second is not null)
            {
                var onB = Enumerable.Range(1, databases / 2).Select(i => $"b{i:00}").ToList();
                foreach (var tenant in onB) await CloneAsync(master, second, templateB!, tenant);
                var split = await SeedAsync(nodes, [.. onA.Take(databases - onB.Count), .. onB]);
                await RunWithSamplesAsync(split, TimeSpan.FromSeconds(15), [serverA, second]);
                var twoServers = await RunWithSamplesAsync(split, window, [serverA, second]);
                var alone = await RunWithSamplesAsync(load, window, [serverA]);
                Tools.Log($"two servers: {twoServers.Load.PerSecond:N0}/s; one server again: {alone.Load.PerSecond:N0}/s");
                var baseline = (oneServer.Load.PerSecond + alone.Load.PerSecond) / 2;
                lines.AddRange(
                [
                    $"### The same load with half the tenants on a second PostgreSQL server (same machine)",
                    "",
                    "| tenants | commands | s | commands/s | p50 ms | p99 ms | × one server |",
                    "|---|---:|---:|---:|---:|---:|---:|",
                    Row($"all {databases} on one server (baseline, before)", oneServer.Load, baseline),
                    Row($"{databases - onB.Count} on the first, {onB.Count} on the second", twoServers.Load, baseline),
                    Row($"all {databases} on one server (baseline, after)", alone.Load, baseline),
                    "",
                    "Both servers share this machine's two cores with the three nodes and the load: a second server adds no CPU here, only a " +
                    "second set of server processes; on separate machines each server would carry half the databases' work.",
                    "",
                ]);
            }
        }
        finally
        {
            foreach (var node in nodes) await node.DisposeAsync();
            NpgsqlConnection.ClearAllPools();
            await DropAsync(serverA);
            if (second is not null) await DropAsync(second);
        }
        return lines;
    }

    /// <summary>The same nodes, tenants and load with every tenant in one shared database: what a database per tenant costs.</summary>
    private static async Task<ContactLoad.Window> SharedBaselineAsync(string server, int tenants, TimeSpan window, IReadOnlyDictionary<string, string> extra)
    {
        const string schema = "bench_tenancy_shared";
        await Tools.Sql(server, $"drop schema if exists {schema} cascade");
        var nodes = new List<BenchHost>();
        try
        {
            for (var n = 1; n <= Nodes; n++)
                nodes.Add(await BenchHost.StartAsync(server, schema, new Dictionary<string, string> { ["Database:ApplicationName"] = $"node-{n}" }.Concat(extra).ToDictionary(),
                    reset: n == 1));
            var load = await SeedAsync(nodes, Enumerable.Range(1, tenants).Select(i => $"a{i:00}").ToList());
            await RunWithSamplesAsync(load, TimeSpan.FromSeconds(15), [server]);
            return (await RunWithSamplesAsync(load, window, [server])).Load;
        }
        finally
        {
            foreach (var node in nodes) await node.DisposeAsync();
            await Tools.Sql(server, $"drop schema if exists {schema} cascade");
        }
    }

    private static string Row(string what, ContactLoad.Window w, double baseline) =>
        $"| {what} | {w.Count:N0} | {w.Elapsed.TotalSeconds:N1} | {w.PerSecond:N0} | {Tools.Percentile(w.Sorted, 50):N2} | {Tools.Percentile(w.Sorted, 99):N2} | {w.PerSecond / baseline:N2} |";

    private static string On(string server, string database) => new NpgsqlConnectionStringBuilder(server) { Database = Prefix + database }.ConnectionString;

    /// <summary>A database holding the whole schema (Marten's and Wolverine's), made by a host that is then stopped: the tenants are cloned from it.</summary>
    private static async Task<string> TemplateAsync(string master, string server, string name)
    {
        await using (var setup = await BenchHost.StartAsync(master, "participation", new Dictionary<string, string>
                     {
                         [TenancyModes.Setting] = "database-per-tenant", ["Marten:Daemon"] = "Disabled", ["FollowUp:Timers"] = "false",
                     }, reset: false))
        {
            var tenancy = (MasterTableTenancy)setup.Store.Options.Tenancy;
            await TenantDatabaseProvisioning.AddAsync(setup.Store, tenancy, name, On(server, name), CancellationToken.None);
            await setup.Host.SetupResources();
            await tenancy.DeleteDatabaseRecordAsync(name);
        }
        NpgsqlConnection.ClearAllPools();
        return Prefix + name;
    }

    private static async Task CloneAsync(string master, string server, string template, string tenant)
    {
        await Tools.Sql(server, $"create database {Prefix}{tenant} template {template}");
        await using var connection = new NpgsqlConnection(master);
        await connection.OpenAsync();
        await using var insert = new NpgsqlCommand($"insert into {TenancyModes.MasterSchema}.mt_tenant_databases (tenant_id, connection_string) values ($1, $2)", connection)
        {
            Parameters = { new() { Value = tenant }, new() { Value = On(server, tenant) } },
        };
        await insert.ExecuteNonQueryAsync();
    }

    private static async Task DropAsync(string server)
    {
        NpgsqlConnection.ClearAllPools();
        var names = await Tools.Scalar<string?>(server, $"select coalesce(string_agg(datname, ','), '') from pg_database where datname like '{Prefix}%'");
        foreach (var name in (names ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries))
            await Tools.Sql(server, $"drop database if exists {name} with (force)");
    }

    /// <summary>Each tenant's cases (each with a parent), opened through the nodes in turn, the contact moments sent the same way.</summary>
    private static Task<ContactLoad> SeedAsync(IReadOnlyList<BenchHost> nodes, IReadOnlyList<string> tenants) =>
        ContactLoad.StartAsync(tenants.SelectMany(tenant => Enumerable.Range(0, CasesPerTenant).Select(_ => tenant))
            .Select((tenant, turn) => nodes[turn % nodes.Count].Client(tenant, "caseworker")));

    /// <summary>The load for <paramref name="window"/>, and the most connections each node held meanwhile (sampled every half second).</summary>
    private static async Task<(ContactLoad.Window Load, Dictionary<string, int> MaxPerNode)> RunWithSamplesAsync(ContactLoad load, TimeSpan window,
        IReadOnlyList<string> servers)
    {
        var most = new Dictionary<string, int>();
        using var stop = new CancellationTokenSource();
        var sampling = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                foreach (var (node, count) in await ConnectionsAsync(servers)) most[node] = Math.Max(most.GetValueOrDefault(node), count);
                try { await Task.Delay(500, stop.Token); } catch (OperationCanceledException) { }
            }
        });
        var ran = await load.RunAsync(window, () => false);
        await stop.CancelAsync();
        await sampling;
        return (ran, most);
    }

    /// <summary>Each node's open connections, over every server, from <c>pg_stat_activity</c>.</summary>
    private static async Task<Dictionary<string, int>> ConnectionsAsync(IReadOnlyList<string> servers)
    {
        var counts = new Dictionary<string, int>();
        foreach (var server in servers)
        {
            await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Pooling = false }.ConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("select application_name, count(*)::int from pg_stat_activity where application_name like 'node-%' group by 1", connection);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync()) counts[reader.GetString(0)] = counts.GetValueOrDefault(reader.GetString(0)) + reader.GetInt32(1);
        }
        return counts;
    }
}
