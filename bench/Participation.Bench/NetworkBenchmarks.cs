using System.Diagnostics;
using System.Text.Json;
using JasperFx.Events;
using Marten;
using Npgsql;
using Participation.Domain.Cases;
using Participation.Domain.Networks;
using Participation.Host.Http;
using Participation.Host.Networks.Reading;
using Participation.Projections.Networks;

namespace Participation.Bench;

/// <summary>
/// The networks list at city scale (issue 25). One tenant with the scale benchmark's cases (<see cref="Seeder.CityCases"/>,
/// BENCH_NETWORKS_CASES, default 1,000,000) and BENCH_NETWORKS_COUNT networks (default 10,000) in streams of their own,
/// registered before the cases; about one case in ten joins a resident, connects them to a network by id, makes an
/// agreement and settles a third of them, all through Marten's bulk event insert. The skew: network r of the ranking draws
/// connections in proportion to r^-0.85, in the neighbourhoods it is active in, so the largest have thousands of cases and
/// most a handful. The <c>Networks</c> projection is rebuilt by the daemon (timed against a raw COPY of the events), then
/// every read of the issue is timed at p50/p99 against the raw SQL of the same page: the same rows in the same order with
/// the same total, checked before timing. BENCH_NETWORKS_KEEP=1 measures the reads again on what the last run seeded and
/// built; BENCH_NETWORKS_RUNS sets the runs per read (200, so that p99 is not the slowest run).
/// </summary>
public static class NetworkBenchmarks
{
    public const string Schema = "bench_networks";
    private const string Tenant = "amsterdam";
    private const int PageSize = NetworkListQuery.DefaultPageSize;

    /// <summary>What a seeded network is, and how it ended: retired, or merged into a larger one as its duplicate.</summary>
    private sealed record SeededNetwork(Guid Id, int Rank, string Name, NetworkKind Kind, IReadOnlyList<Neighbourhood> ActiveIn, string? Organisation)
    {
        public bool Retired { get; set; }
        public Guid? MergedInto { get; set; }
    }

    /// <summary>The kinds of networks, how many in a hundred are of each, and the words their names start with.</summary>
    private static readonly (NetworkKind Kind, int Share, string[] Words)[] Kinds =
    [
        (NetworkKind.Informal, 30, ["Buurtmoeders", "Moestuin", "Koffieochtend", "Burenhulp"]),
        (NetworkKind.Organisation, 20, ["Buurthuis", "Voedselbank", "Bibliotheek", "Jongerenwerk"]),
        (NetworkKind.School, 15, ["Basisschool", "Ouderraad", "Huiswerkklas", "Taalschool"]),
        (NetworkKind.SportsClub, 15, ["Voetbalclub", "Zwemvereniging", "Boksschool", "Dansgroep"]),
        (NetworkKind.Faith, 10, ["Moskee", "Kerk", "Gebedsgroep", "Tempel"]),
        (NetworkKind.Business, 7, ["Winkeliers", "Bakkerij", "Ondernemers"]),
        (NetworkKind.Other, 3, ["Netwerk"]),
    ];

    /// <summary>A read of the list: its query string, and the raw SQL's filter and order over the summaries' columns and indexes.</summary>
    private sealed record Read(string Name, string Query, string Where, string OrderBy, int Skip = 0);

    public static async Task<IReadOnlyList<string>> Run(string connectionString)
    {
        var cases = int.Parse(Environment.GetEnvironmentVariable("BENCH_NETWORKS_CASES") ?? "1000000");
        var count = int.Parse(Environment.GetEnvironmentVariable("BENCH_NETWORKS_COUNT") ?? "10000");
        var runs = int.Parse(Environment.GetEnvironmentVariable("BENCH_NETWORKS_RUNS") ?? "200");
        var keep = Environment.GetEnvironmentVariable("BENCH_NETWORKS_KEEP") == "1";
        var lines = new List<string>
        {
            "Rerun with `bash bench/run.sh networks` (≈ 40 min; `BENCH_NETWORKS_CASES=200000 BENCH_NETWORKS_COUNT=2000` for a trial of a few " +
            "minutes; `BENCH_NETWORKS_KEEP=1` times the reads again on the last run's data). The Host runs in the benchmark's process (Alba, " +
            "Production configuration, the async daemon off) and every request is timed by itself (ADR 24), interleaved with its baseline: the " +
            "raw SQL of the same page sent with Npgsql, written for the least work on the list's columns and indexes (ADR 27): the page's ids " +
            "from the order's index, then those rows, the total counted beside them. Before timing, both are checked to answer the same rows in " +
            "the same order with the same total. Both read the answer's bytes; the Host also parses the documents and writes the JSON of the page.",
            "",
        };
        await using var bench = await BenchHost.StartAsync(connectionString, Schema, new Dictionary<string, string> { ["Marten:Daemon"] = "Disabled" }, reset: !keep);
        lines.AddRange(keep ? await Kept(connectionString) : await SeedAndRebuild(bench, connectionString, cases, count));

        var networks = await Tools.Scalar<long>(connectionString, $"select count(*) from {Table} where tenant_id = '{Tenant}'");
        var deepPage = (int)Math.Max(2, networks * 9 / 10 / PageSize);
        Read[] reads =
        [
            new("first page (most cases first)", "", "true", DefaultOrder),
            new("district", "district=Stadsdeel%203", "districts @> array['Stadsdeel 3']::varchar[]", DefaultOrder),
            new("neighbourhood (active in or reaching)", "neighbourhood=E07", "neighbourhoods @> array['E07']::varchar[]", DefaultOrder),
            new("kind and status", "kind=sports-club&status=active", "kind = 'SportsClub' and status = 'Active'", DefaultOrder),
            new("text", "q=moskee", "search_text like '%moskee%'", DefaultOrder),
            new("sort by name", "sort=name", "true", "search_text, id"),
            new($"deep page (page {deepPage})", $"page={deepPage}", "true", DefaultOrder, (deepPage - 1) * PageSize),
        ];

        using var manager = bench.Client(Tenant, "manager");
        foreach (var read in reads) await SamePage(manager, connectionString, read);
        lines.Add($"### `GET /api/networks` in `{Tenant}` ({networks:N0} networks; {runs} runs each after a warm-up, interleaved; ms)");
        lines.Add("");
        lines.Add("| read | Host p50 | Host p99 | raw SQL p50 | raw SQL p99 | × raw (p50) | × raw (p99) | target |");
        lines.Add("|---|---:|---:|---:|---:|---:|---:|---|");
        foreach (var read in reads)
        {
            // Both sides take the answer's bytes: the body as it came, the rows as Npgsql buffers them.
            var (api, sql) = await Measure.Paired(runs, () => manager.GetByteArrayAsync(Path(read)), () => Tools.Read(connectionString, RawSql(read)));
            var ratio = Tools.Percentile(api, 50) / Tools.Percentile(sql, 50);
            lines.Add($"| `GET {Path(read)}` ({read.Name}) | {Tools.Percentile(api, 50):N1} | {Tools.Percentile(api, 99):N1} | {Tools.Percentile(sql, 50):N2} | " +
                      $"{Tools.Percentile(sql, 99):N2} | {ratio:N2} | {Tools.Percentile(api, 99) / Tools.Percentile(sql, 99):N2} | ≤ 3× {(ratio <= 3 ? "**met**" : "**missed**")} |");
        }
        lines.Add("");
        lines.AddRange(await Plans(bench.Store, connectionString, reads));
        return lines;
    }

    private static string Table => $"{Schema}.mt_doc_networksummary";

    /// <summary>The list's default order on the summaries' own columns (ADR 27): most cases first, then the name as compared, then the id.</summary>
    private const string DefaultOrder = "cases desc, search_text, id";

    private static string Path(Read read) => "/api/networks" + (read.Query.Length > 0 ? "?" + read.Query : "");

    /// <summary>
    /// The page and its total in one statement, with the least work for them: the page's ids found in the order's index (an
    /// index-only scan where the index holds the filter and the order, so a deep page skips index entries, not rows), then
    /// those rows read, the total counted beside them.
    /// </summary>
    private static string RawSql(Read read) => $"""
        select d.id, d.data, (select count(*) from {Table} where tenant_id = '{Tenant}' and {read.Where}) as total
        from (select id, cases, search_text from {Table} where tenant_id = '{Tenant}' and {read.Where} order by {read.OrderBy} offset {read.Skip} limit {PageSize}) as page
        join {Table} as d on d.tenant_id = '{Tenant}' and d.id = page.id
        order by {string.Join(", ", read.OrderBy.Split(", ").Select(key => "page." + key))}
        """;

    /// <summary>The Host's page and the raw SQL's are the same rows in the same order with the same total, or the run stops.</summary>
    private static async Task SamePage(HttpClient manager, string connectionString, Read read)
    {
        using var page = JsonDocument.Parse(await manager.GetStringAsync(Path(read)));
        var hostIds = page.RootElement.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("id").GetGuid()).ToList();
        var hostTotal = page.RootElement.GetProperty("total").GetInt64();

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(RawSql(read), connection);
        await using var reader = await command.ExecuteReaderAsync();
        var (rawIds, rawTotal) = (new List<Guid>(), 0L);
        while (await reader.ReadAsync())
        {
            rawIds.Add(reader.GetGuid(0));
            rawTotal = reader.GetInt64(2);
        }
        if (!hostIds.SequenceEqual(rawIds) || hostTotal != rawTotal || hostIds.Count == 0)
            throw new InvalidOperationException($"{read.Name}: the Host answered {hostIds.Count} networks of {hostTotal}, the raw SQL {rawIds.Count} of {rawTotal}" +
                                                (hostIds.Count == rawIds.Count ? ", in another order" : ""));
    }

    /// <summary>Each read's plans: the Host's two statements (Marten's SQL for the page and for its total, with their parameters) and the raw SQL.</summary>
    private static async Task<IReadOnlyList<string>> Plans(IDocumentStore store, string connectionString, IEnumerable<Read> reads)
    {
        var lines = new List<string> { "### Plans (EXPLAIN ANALYZE, as PostgreSQL ran them)", "" };
        await using var session = store.QuerySession(Tenant);
        foreach (var read in reads)
        {
            var parameters = System.Web.HttpUtility.ParseQueryString(read.Query);
            var query = NetworkListQuery.Parse(parameters["neighbourhood"], parameters["district"], parameters["kind"], parameters["status"], parameters["q"],
                parameters["page"] is { } page ? int.Parse(page) : null, null, parameters["sort"]);
            foreach (var (what, statement) in new[]
                     {
                         ("the Host's page", query.PageStatement(session)),
                         ("the Host's total", BatchedPage.Count(query.Filter(session).Select(x => x.Id))),
                         ("the raw SQL", new NpgsqlBatchCommand(RawSql(read))),
                     })
            {
                lines.Add($"{read.Name}, {what}:");
                lines.Add("```");
                lines.Add(statement.CommandText);
                lines.AddRange(await Tools.Explain(connectionString, statement.CommandText, statement.Parameters.Cast<NpgsqlParameter>()));
                lines.Add("```");
            }
        }
        return lines;
    }

    private static async Task<IReadOnlyList<string>> SeedAndRebuild(BenchHost bench, string connectionString, int cases, int count)
    {
        var watch = Stopwatch.StartNew();
        var networks = Networks(count);
        var events = await RegisterNetworks(bench.Store, networks);
        events += await Seeder.CityCases(bench.Store, Tenant, cases, Connections(networks, cases));
        var seeded = watch.Elapsed;
        Tools.Log($"seeded {events:N0} events in {seeded.TotalSeconds:N0} s");
        await Tools.Sql(connectionString, $"vacuum analyze {Schema}.mt_events");
        var rebuilds = await Rebuilds.Table(bench.Store, connectionString, Schema, events, [NetworksProjection.ProjectionName]);
        foreach (var table in new[] { "mt_doc_networksummary", "mt_doc_networkcases", "mt_doc_casenetworks" })
            await Tools.Sql(connectionString, $"vacuum analyze {Schema}.{table}");

        var connected = await Tools.Scalar<long>(connectionString, $"select count(*) from {Schema}.mt_doc_casenetworks where tenant_id = '{Tenant}'");
        var sizes = await Tools.Scalar<string>(connectionString, $"""
            select string_agg(cases::text, ' / ' order by cases desc) from (select cases from {Table} where tenant_id = '{Tenant}'
            order by 1 desc limit 5) as largest
            """);
        var median = await Tools.Scalar<double>(connectionString, $"select percentile_cont(0.5) within group (order by cases) from {Table} where tenant_id = '{Tenant}'");
        return
        [
            $"### Seeded: {count:N0} networks and {cases:N0} cases in `{Tenant}`, {connected:N0} of them connected: {events:N0} events in {seeded.TotalSeconds:N0} s " +
            $"({events / seeded.TotalSeconds:N0} events/s)",
            "",
            $"The five largest networks have {sizes} cases, the median one {median:N0}; {networks.Count(n => n.Retired):N0} networks are retired and " +
            $"{networks.Count(n => n.MergedInto is not null):N0} merged into another.",
            "",
            .. rebuilds,
            "",
        ];
    }

    /// <summary>What the last run seeded, for a run that keeps it.</summary>
    private static async Task<IReadOnlyList<string>> Kept(string connectionString)
    {
        var networks = await Tools.Scalar<long>(connectionString, $"select count(*) from {Table} where tenant_id = '{Tenant}'");
        if (networks == 0) throw new InvalidOperationException($"BENCH_NETWORKS_KEEP=1, but {Schema} holds no networks of {Tenant}: run the networks benchmark once without it");
        var events = await Tools.Scalar<long>(connectionString, $"select count(*) from {Schema}.mt_events");
        return [$"### Kept from the last run (BENCH_NETWORKS_KEEP=1; no seeding, no rebuild): {networks:N0} networks, {events:N0} events", ""];
    }

    /// <summary>
    /// The tenant's networks, largest first (their rank decides how many cases they draw): a kind, a home neighbourhood and
    /// the ones around it they are active in (the largest in a whole district), a name from the kind's words and the
    /// neighbourhood, and for two in five an organisation. One in twelve retired; one in fifty was a duplicate of a larger
    /// network of its kind in its district and was merged into it.
    /// </summary>
    private static List<SeededNetwork> Networks(int count)
    {
        var random = new Random(25);
        var networks = new List<SeededNetwork>(count);
        for (var rank = 1; rank <= count; rank++)
        {
            var roll = random.Next(100);
            var (kind, _, words) = Kinds.First(k => (roll -= k.Share) < 0);
            var home = random.Next(Seeder.CityNeighbourhoods);
            var reach = rank <= count / 500 ? 10 : rank <= count / 50 ? 3 : 1 + random.Next(2);
            var activeIn = Enumerable.Range(home / 10 * 10, 10).Where(i => i != home).OrderBy(_ => random.Next()).Take(reach - 1).Prepend(home)
                .Select(Seeder.CityNeighbourhood).ToList();
            var word = words[random.Next(words.Length)];
            var name = $"{word} {activeIn[0].Name} {rank}";
            var organisation = random.Next(5) < 2 ? $"Stichting {word} {activeIn[0].District}" : null;
            networks.Add(new SeededNetwork(NetworkNames.DerivedId(Tenant, name, kind), rank, name, kind, activeIn, organisation));
        }
        foreach (var network in networks)
        {
            var roll = random.Next(100);
            if (roll < 8) network.Retired = true;
            else if (roll < 10 && networks.Take(network.Rank - 1)
                         .Where(n => n.Kind == network.Kind && n.ActiveIn[0].District == network.ActiveIn[0].District && !n.Retired && n.MergedInto is null)
                         .ToList() is { Count: > 0 } larger)
                network.MergedInto = larger[random.Next(larger.Count)].Id;
        }
        return networks;
    }

    /// <summary>
    /// Every network's stream, registered before the cases. A bulk insert only starts streams, so a retired or merged
    /// network's end is stored with its registration, before the connections to it, though stamped after them: the read
    /// model is the one the real order gives, as a connection naming a merged network counts for the one it was merged into.
    /// </summary>
    private static async Task<long> RegisterNetworks(IDocumentStore store, IReadOnlyList<SeededNetwork> networks)
    {
        var registeredAt = DateTimeOffset.UtcNow.AddDays(-760);
        var endedAt = DateTimeOffset.UtcNow.AddDays(-1);
        var streams = networks.Select(network =>
        {
            var events = new List<object>
            {
                new NetworkRegistered(network.Id, network.Name, network.Kind, network.ActiveIn, "Komt wekelijks samen; staat open voor nieuwe mensen uit de buurt.",
                    network.Organisation, "seed", registeredAt.AddMinutes(network.Rank)),
            };
            if (network.Retired) events.Add(new NetworkRetired("Gestopt", "seed", endedAt.AddSeconds(network.Rank)));
            if (network.MergedInto is { } into) events.Add(new NetworkMerged(into, "seed", endedAt.AddSeconds(network.Rank)));
            return StreamAction.Start((IEventRegistry)store.Options.Events, network.Id, events.ToArray());
        }).ToList();
        await store.BulkInsertEventsAsync(Tenant, streams, batchSize: 10_000);
        return streams.Sum(s => s.Events.Count);
    }

    /// <summary>
    /// The work on connected cases. Network r gets about one case in ten's share r^-0.85 / Σ of the connections (at least one),
    /// each in one of the neighbourhoods it is active in; a case takes the next of its neighbourhood's shuffled connections with
    /// the chance that spreads them over the neighbourhood's cases, so a network may end up with fewer, or none yet.
    /// </summary>
    private static Func<int, IReadOnlyList<ICaseEvent>, IEnumerable<ICaseEvent>> Connections(IReadOnlyList<SeededNetwork> networks, int cases)
    {
        var random = new Random(26);
        var weights = networks.Select(n => Math.Pow(n.Rank, -0.85)).ToList();
        var perWeight = cases / 10.0 / weights.Sum();
        var slots = Enumerable.Range(0, Seeder.CityNeighbourhoods).Select(_ => new List<SeededNetwork>()).ToArray();
        for (var i = 0; i < networks.Count; i++)
            for (var k = Math.Max(1, (int)Math.Round(weights[i] * perWeight)); k > 0; k--)
                slots[Neighbourhood(networks[i].ActiveIn[random.Next(networks[i].ActiveIn.Count)])].Add(networks[i]);
        foreach (var slot in slots) random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(slot));
        var taken = new int[slots.Length];
        var casesPerNeighbourhood = cases / (double)Seeder.CityNeighbourhoods;
        return (n, stream) =>
        {
            var opened = (CaseOpened)stream[0];
            var at = Neighbourhood(opened.Neighbourhood);
            if (taken[at] == slots[at].Count || random.NextDouble() >= slots[at].Count / casesPerNeighbourhood) return [];
            return ConnectedWork(n, stream, slots[at][taken[at]++]);
        };
    }

    private static int Neighbourhood(Neighbourhood neighbourhood) => int.Parse(neighbourhood.Code[1..]);

    /// <summary>
    /// A resident joins, is connected to the network, and makes an agreement; a third of the agreements are settled (half
    /// fulfilled, half broken). All between the opening and the closing, or the last event and at least 40 days on: no work on a
    /// closed case, and none in the future.
    /// </summary>
    private static IEnumerable<ICaseEvent> ConnectedWork(int n, IReadOnlyList<ICaseEvent> stream, SeededNetwork network)
    {
        var opened = stream[0].Stamp.At;
        var end = stream.FirstOrDefault(e => e is CaseClosed)?.Stamp.At ?? new[] { stream[^1].Stamp.At, opened.AddDays(40) }.Max();
        DateTimeOffset At(double share) => opened + (end - opened) * share;
        var resident = Guid.CreateVersion7();
        var agreement = Guid.CreateVersion7();
        yield return new ParticipantJoined(resident, ParticipantRole.Resident, $"Bewoner {n}", null, "seed", At(0.1));
        yield return new NetworkConnected(Guid.CreateVersion7(), new Network(network.Name, network.Kind), [resident], "Een vaste plek en mensen die meedoen.",
            "seed", At(0.2), network.Id);
        yield return new AgreementMade(agreement, [resident], "Organiseert elke maand een bijeenkomst", "Hulp bij de aanvraag van een klein fonds",
            DateOnly.FromDateTime(At(0.4).AddDays(90).UtcDateTime), "seed", At(0.4));
        if (n % 6 == 0) yield return new AgreementFulfilled(agreement, [resident], "Gelukt", "seed", At(0.8));
        if (n % 6 == 3) yield return new AgreementBroken(agreement, [resident], "Niet gelukt", "seed", At(0.8));
    }
}
