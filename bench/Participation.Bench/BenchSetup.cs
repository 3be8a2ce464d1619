using Npgsql;

namespace Participation.Bench;

/// <summary>
/// Seeds the data the command and read benchmarks run on (through Marten in process, so inline projections and seals
/// are the Host's own), counts round trips per command, and prepares the raw-SQL baselines: schema <c>bench_raw</c>
/// holds copies of the Host's event, stream and case-summary tables (same columns, indexes and rows) for pgbench.
/// </summary>
public sealed class BenchSetup
{
    public const string RawSchema = "bench_raw";
    public const string Tenant = "bench";

    /// <summary>Cases 1..Cases take most commands and all case reads.</summary>
    public int Cases { get; init; } = 5_000;
    public int ContactsPerCase { get; init; } = 8;
    /// <summary>Cases HotFirst..HotFirst+HotCases-1 are handed out five per run as that run's hot cases.</summary>
    public int HotCases { get; init; } = 400;
    public int HotFirst => Cases + 1;
    public int LongStreamEvents { get; init; } = 10_000;

    public Guid LongStreamId { get; private set; }
    public IReadOnlyList<RoundTrips.Trips> Trips { get; private set; } = [];
    /// <summary>Where time travel's time goes inside Marten (in process, no HTTP).</summary>
    public IReadOnlyList<Timing> TimeTravelInProcess { get; private set; } = [];
    public string WriterTokenFile { get; private set; } = "";
    public string ReaderTokenFile { get; private set; } = "";
    public string AppendScript { get; private set; } = "";
    public string ReadCaseScript { get; private set; } = "";
    public string ListScript { get; private set; } = "";

    /// <summary>The list the read benchmark asks for: jeugdzorg cases in E38 that are open, newest activity first.</summary>
    public const string ListPath = "/api/cases?domain=jeugdzorg&neighbourhood=E38&status=open&sort=-lastActivityAt&pageSize=50";

    public async Task Prepare(string connectionString)
    {
        // A schema left by an earlier version of the Host may still carry columns and indexes it no longer has.
        await Tools.Sql(connectionString, $"drop schema if exists {BenchHost.Schema} cascade");
        await using (var bench = await BenchHost.StartAsync(connectionString))
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();
            await Seeder.Cases(bench.Store, Tenant, 1, Cases + HotCases, ContactsPerCase);
            LongStreamId = await Seeder.OneLongStream(bench.Store, Tenant, LongStreamEvents);
            Tools.Log($"seeded {Cases + HotCases:N0} cases and a {LongStreamEvents:N0}-event stream in {watch.Elapsed.TotalSeconds:N1} s");
            Trips = await RoundTrips.Measure(bench, Tenant, firstCase: Cases / 2, commands: 20);
            var store = bench.Store;
            TimeTravelInProcess = await Measure.Interleaved(5,
                ("raw SQL fetch of the rows (baseline)", () => RawFetch(connectionString, Tenant, LongStreamId)),
                ("Marten FetchStreamAsync (events with metadata, no projection)", async () =>
                {
                    await using var session = store.QuerySession(Tenant);
                    _ = await session.Events.FetchStreamAsync(LongStreamId);
                }),
                ("Marten AggregateStreamAsync<CaseDetails> (what GET …/state runs)", async () =>
                {
                    await using var session = store.QuerySession(Tenant);
                    _ = await session.Events.AggregateStreamAsync<Participation.Projections.Cases.CaseDetails>(LongStreamId);
                }));
        }

        WriterTokenFile = Tools.TokenFile(Tenant, "caseworker");
        ReaderTokenFile = Tools.TokenFile(Tenant, "caseworker");
        await PrepareRawSchema(connectionString);
    }

    /// <summary>The raw baseline's schema, copied from what the Host's schema holds now, and its pgbench scripts.</summary>
    public async Task PrepareRawSchema(string connectionString)
    {
        const string s = BenchHost.Schema, r = RawSchema;
        await Tools.Sql(connectionString, $"""
            drop schema if exists {r} cascade;
            create schema {r};
            create table {r}.mt_streams (like {s}.mt_streams including all);
            create table {r}.mt_events (like {s}.mt_events including all);
            alter table {r}.mt_events add foreign key (tenant_id, stream_id) references {r}.mt_streams (tenant_id, id);
            create table {r}.mt_doc_casesummary (like {s}.mt_doc_casesummary including all);
            insert into {r}.mt_streams select * from {s}.mt_streams;
            insert into {r}.mt_events select * from {s}.mt_events;
            insert into {r}.mt_doc_casesummary select * from {s}.mt_doc_casesummary;
            create sequence {r}.mt_events_sequence;
            select setval('{r}.mt_events_sequence', (select max(seq_id) from {r}.mt_events));
            create table {r}.cold_start (id uuid primary key, data jsonb not null);
            """);
        await Tools.Sql(connectionString, $"vacuum analyze {r}.mt_streams, {r}.mt_events, {r}.mt_doc_casesummary");
        await Tools.Sql(connectionString, $"vacuum analyze {s}.mt_streams, {s}.mt_events, {s}.mt_doc_casesummary, {s}.mt_doc_casedetailshead, {s}.mt_doc_casecontactentry, {s}.mt_doc_caseparticipantentry, {s}.mt_doc_case");

        // Real rows as the Host writes them, so the baseline moves the same bytes.
        var eventJson = await Tools.Scalar<string>(connectionString, $"select data::text from {s}.mt_events where type = 'contact_moment_recorded' order by seq_id desc limit 1");
        var headersJson = await Tools.Scalar<string>(connectionString, $"select headers::text from {s}.mt_events where type = 'contact_moment_recorded' order by seq_id desc limit 1");
        var summaryJson = await Tools.Scalar<string>(connectionString, $"select data::text from {s}.mt_doc_casesummary limit 1");
        // pgbench reads `:name` anywhere in a script as a variable, string literals included, and sealed values contain
        // colons: the JSON travels base64-encoded instead.
        static string Q(string text) => $"convert_from(decode('{Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(text))}', 'base64'), 'UTF8')";
        const string caseId = "('00000000-0000-7000-8000-' || lpad(to_hex(:n::bigint), 12, '0'))::uuid";

        // One round trip: lock and bump the stream's version (the unique (tenant, stream, version) index is the version
        // check, as in Marten's quick append), append two events, upsert the case's summary document.
        AppendScript = Write("append.sql", $"""
            \set r random(1, 100)
            \if :r <= :hotpct
            \set n :hotfirst + random(0, :hotcount - 1)
            \else
            \set n random(1, :cases)
            \endif
            with s as (update {r}.mt_streams set version = version + 2, timestamp = now() where tenant_id = '{Tenant}' and id = {caseId} returning id, version), e as (insert into {r}.mt_events (seq_id, id, stream_id, version, data, type, tenant_id, timestamp, mt_dotnet_type, is_archived, causation_id, correlation_id, headers, user_name) select nextval('{r}.mt_events_sequence'), gen_random_uuid(), s.id, s.version - 2 + g, {Q(eventJson)}::jsonb, 'contact_moment_recorded', '{Tenant}', now(), 'Participation.Domain.Cases.ContactMomentRecorded, Participation.Domain', false, 'causation', 'correlation', {Q(headersJson)}::jsonb, 'bench' from s cross join generate_series(1, 2) g returning stream_id, version) insert into {r}.mt_doc_casesummary as d (tenant_id, id, data, mt_version, mt_dotnet_type, mt_last_modified) select '{Tenant}', stream_id, {Q(summaryJson)}::jsonb, max(version), 'Participation.Projections.Cases.CaseSummary', now() from e group by stream_id on conflict (tenant_id, id) do update set data = excluded.data, mt_version = excluded.mt_version, mt_last_modified = excluded.mt_last_modified;
            """);

        // What Marten reads for GET /api/cases/{id} (the head and the five lists of the case, one batch: here one
        // statement, so the baseline also makes one round trip) and for the filtered list (seen in pg_stat_statements).
        static string Entries(string table) => $"(select jsonb_agg(d.data) from {s}.{table} as d where d.case_id = c.id and d.tenant_id = c.tenant_id)";
        ReadCaseScript = Write("read-case.sql", $"""
            \set n random(1, :cases)
            select c.data, {Entries("mt_doc_caseparticipantentry")}, {Entries("mt_doc_casecontactentry")}, {Entries("mt_doc_casestrengthentry")}, {Entries("mt_doc_caseconnectionentry")}, {Entries("mt_doc_caseagreemententry")} from {s}.mt_doc_casedetailshead as c where c.id = {caseId} and c.tenant_id = '{Tenant}';
            """);
        ListScript = Write("list.sql", $"""
            select d.id, d.data, d.mt_version, count(*) OVER() as total_rows from {s}.mt_doc_casesummary as d where (d.tenant_id = '{Tenant}' and d.data -> 'neighbourhood' ->> 'code' = 'E38' and d.data ->> 'domain' = 'Jeugdzorg' and d.data ->> 'status' = 'Open') order by {s}.mt_immutable_timestamptz(d.data ->> 'lastActivityAt') desc OFFSET 0 LIMIT 50;
            """);
    }

    private static string Write(string name, string content)
    {
        var path = Path.Combine(Tools.Work, name);
        File.WriteAllText(path, content.Replace("\r", "") + "\n");
        return path;
    }

    public static async Task RawFetch(string connectionString, string tenant, Guid caseId, Action<long, string, string>? each = null)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            $"select version, type, data::text from {BenchHost.Schema}.mt_events where stream_id = $1 and tenant_id = $2 order by version", connection)
        {
            Parameters = { new() { Value = caseId }, new() { Value = tenant } },
        };
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var data = reader.GetString(2);
            each?.Invoke(reader.GetInt64(0), reader.GetString(1), data);
        }
    }
}
