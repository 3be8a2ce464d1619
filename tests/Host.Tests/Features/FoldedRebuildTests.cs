using System.Text.Json.Nodes;
using Marten;
using Participation.Host.Operations.Rebuilds;
using Participation.Host.Security;
using Participation.Host.Tests.Support;

namespace Participation.Host.Tests.Features;

/// <summary>
/// <c>rebuild-folded</c> (ADR 38) writes the decision state, the case list's rows and the case details' rows as Marten's
/// rebuild does, over every tenant and feature this schema's tests left (erasures, destructions, merges, the store's
/// tombstones), and commands go on from them.
/// </summary>
[Collection(FeatureCollection.Name)]
public sealed class FoldedRebuildTests(FeatureFixture features)
{
    private static readonly string[] Projections = ["Case", "CaseSummary", "CaseDetails"];

    private static readonly string[] Tables =
    [
        "mt_doc_case", "mt_doc_casesummary", "mt_doc_casesearchtext", "mt_doc_casedetailshead", "mt_doc_caseparticipantentry",
        "mt_doc_casecontactentry", "mt_doc_casestrengthentry", "mt_doc_caseconnectionentry", "mt_doc_caseagreemententry", "mt_doc_casemeasuremententry",
    ];

    [Fact]
    public async Task Folding_each_stream_and_copying_each_table_once_gives_the_read_models_marten_rebuilds_and_commands_go_on_from_them()
    {
        var caseworker = features.NewTenant(Roles.Caseworker, Roles.Admin);
        var (erased, parent) = await caseworker.CaseInPhase("connect");
        var volunteer = await caseworker.AddParticipant(erased, "volunteer", "Henk de Vries");
        (await caseworker.Post($"/api/cases/{erased}/participants/{parent}/erase", new { })).ShouldBe(200);
        (await caseworker.Post($"/api/cases/{erased}/close", new { outcome = "achieved", summary = "Kookclub draait" })).ShouldBe(200);
        var (suspended, _) = await caseworker.CaseInPhase("strengthen");
        (await caseworker.Post($"/api/cases/{suspended}/suspend", new { reason = "Familie op reis", until = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(30)) }))
            .ShouldBe(200);
        var contacts = (await caseworker.Get($"/api/cases/{erased}")).ShouldBe(200).Json["contacts"]!.AsArray().Count;
        await RecordWhatTheTimersWould();
        var live = await Rows();
        var indexes = await Indexes();

        var rebuilds = await DaemonPause.WhileAsync(features.Host, () => Task.WhenAll(
            Projections.Select(projection => HostCommandLine.Run(features.Schema, "projections", "rebuild", "-p", projection))));
        Assert.All(rebuilds, r => Assert.True(r.ExitCode == 0, r.Output));
        var rebuiltByMarten = await Rows();
        foreach (var table in Tables) await Sql.ExecuteAsync($"delete from {features.Schema}.{table}");

        var (exit, output) = await DaemonPause.WhileAsync(features.Host, () => HostCommandLine.Run(features.Schema, "rebuild-folded"));
        Assert.True(exit == 0 && output.Contains($"Rebuilt {string.Join(", ", Projections)} in one pass"), output);
        var folded = await Rows();
        StoredRows.AssertSame(rebuiltByMarten, folded);
        // The documents equal the live ones. Their columns may not: a row's revision counts its writes (one per command, one per
        // rebuild), and Marten's update of a duplicated timestamp rounds the microseconds where its insert (and a rebuild) cuts them.
        Assert.Equal(live.Where(Of(caseworker.Tenant)).Select(Document), folded.Where(Of(caseworker.Tenant)).Select(Document));
        Assert.Contains(folded, row => row.StartsWith("mt_doc_caseparticipantentry") && Of(caseworker.Tenant)(row));
        // The fresh tables took the old ones' places and index names, so Marten's schema check finds nothing to change.
        Assert.Equal(indexes, await Indexes());
        Assert.Null(await Sql.ScalarAsync($"select string_agg(tablename, ',') from pg_tables where schemaname = '{features.Schema}' and tablename like '%_rebuilt'"));

        // The next commands load the folded state and write to the folded rows: the erased parent stays erased, the volunteer is not.
        (await caseworker.Post($"/api/cases/{erased}/reopen", new { reason = "Nieuwe vraag" })).ShouldBe(200);
        await caseworker.RecordContact(erased, volunteer);
        (await caseworker.Post($"/api/cases/{suspended}/resume", new { note = "Terug" })).ShouldBe(200);
        var details = (await caseworker.Get($"/api/cases/{erased}")).ShouldBe(200).Json;
        Assert.Equal(await caseworker.CurrentVersion(erased), (long)details["version"]!);
        Assert.Equal(contacts + 1, details["contacts"]!.AsArray().Count);
        await using var session = features.Host.Services.GetRequiredService<IDocumentStore>().QuerySession(caseworker.Tenant);
        Assert.Equal(await caseworker.CurrentVersion(erased), (await session.LoadAsync<Domain.Cases.Case>(erased))!.Version);
    }

    [Fact]
    public async Task Commands_that_keep_coming_during_the_rebuild_all_succeed_and_reach_the_tables_that_take_over()
    {
        var caseworker = features.NewTenant(Roles.Caseworker);
        var cases = new[] { await caseworker.CaseInPhase("strengthen"), await caseworker.CaseInPhase("engage") };

        using var stop = new CancellationTokenSource();
        var recorded = 0;
        var commands = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var (caseId, parent) = cases[recorded % cases.Length];
                await caseworker.RecordContact(caseId, parent);
                recorded++;
            }
        });
        var readiness = new List<(int Status, string? Rebuilds)>();
        var polling = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var ready = await caseworker.Get("/health/ready", ("Authorization", ""));
                readiness.Add(((int)ready.Status, (string?)ready.Json["checks"]!.AsArray().Single(c => (string)c!["name"]! == "rebuilds")!["description"]));
                await Task.Delay(20);
            }
        });
        var (exit, output) = await HostCommandLine.Run(features.Schema, "rebuild-folded");
        await Task.Delay(200);
        await stop.CancelAsync();
        await Task.WhenAll(commands, polling);
        Assert.True(exit == 0, output);
        Assert.True(recorded > 2, $"{recorded} commands ran during the rebuild");
        // Readiness stayed 200 throughout and named the read model being rebuilt while it was.
        Assert.All(readiness, r => Assert.Equal(200, r.Status));
        Assert.Contains(readiness, r => r.Rebuilds?.Contains("is being rebuilt beside the live read model") == true);
        Assert.Equal("No read model is being rebuilt.", readiness[^1].Rebuilds);

        // What the commands wrote before, during and after the swap is in the tables now answering, as Marten rebuilds it.
        await RecordWhatTheTimersWould();
        var answering = (await Rows()).Where(Of(caseworker.Tenant)).Select(Document).ToList();
        var rebuilds = await DaemonPause.WhileAsync(features.Host, () => Task.WhenAll(
            Projections.Select(projection => HostCommandLine.Run(features.Schema, "projections", "rebuild", "-p", projection))));
        Assert.All(rebuilds, r => Assert.True(r.ExitCode == 0, r.Output));
        Assert.Equal((await Rows()).Where(Of(caseworker.Tenant)).Select(Document), answering);
        foreach (var (caseId, _) in cases)
        {
            var details = (await caseworker.Get($"/api/cases/{caseId}")).ShouldBe(200).Json;
            Assert.Equal(await caseworker.CurrentVersion(caseId), (long)details["version"]!);
        }
    }

    [Fact]
    public async Task A_case_destroyed_while_the_rebuild_runs_does_not_come_back_with_the_tables_that_take_over()
    {
        var caseworker = features.NewTenant(Roles.Caseworker);
        var (destroyed, _) = await caseworker.CaseInPhase("strengthen");
        var (kept, _) = await caseworker.CaseInPhase("engage");
        var events = $"{features.Schema}.mt_events";
        // What a destruction during the rebuild leaves for it to find: case_destroyed, stamped after the rebuild's snapshot.
        // (Put in the other case's stream, as the rebuild reads it only for this; the daemon is paused and it is gone before it runs.)
        var recorded = $"insert into {events} (seq_id, id, stream_id, version, data, type, timestamp, tenant_id, mt_dotnet_type) " +
            $"select nextval('{features.Schema}.mt_events_sequence'), gen_random_uuid(), '{kept}', max(version) + 1, " +
            $"jsonb_build_object('caseId', '{destroyed}'), '{Domain.Retention.DestructionEventTypes.Destroyed}', now() + interval '1 hour', " +
            $"'{caseworker.Tenant}', 'test' from {events} where tenant_id = '{caseworker.Tenant}' and stream_id = '{kept}'";

        var (exit, output) = await DaemonPause.WhileAsync(features.Host, async () =>
        {
            await Sql.ExecuteAsync(recorded);
            try
            {
                return await HostCommandLine.Run(features.Schema, "rebuild-folded");
            }
            finally
            {
                await Sql.ExecuteAsync($"delete from {events} where type = '{Domain.Retention.DestructionEventTypes.Destroyed}' and stream_id = '{kept}'");
            }
        });
        Assert.True(exit == 0, output);
        var rows = await Rows();
        Assert.DoesNotContain(rows, row => row.Contains(destroyed.ToString()));
        Assert.Contains(rows, row => row.StartsWith("mt_doc_casesummary") && row.Contains(kept.ToString()));
        Assert.Contains(rows, row => row.StartsWith("mt_doc_caseparticipantentry") && row.Contains(kept.ToString()));

        // Here the case was not really destroyed: the next rebuild brings it back from its events.
        (exit, output) = await HostCommandLine.Run(features.Schema, "rebuild-folded");
        Assert.True(exit == 0, output);
        Assert.Contains(await Rows(), row => row.StartsWith("mt_doc_caseparticipantentry") && row.Contains(destroyed.ToString()));
    }

    [Fact]
    public async Task A_rebuild_that_stopped_without_a_word_shows_in_readiness_until_the_next_one()
    {
        var caseworker = features.NewTenant(Roles.Caseworker);
        var table = $"{features.Schema}.{RebuildProgressTable.Name}";
        // What a rebuild whose process was killed halfway leaves behind.
        await Sql.ExecuteAsync($"insert into {table} values ('CaseSummary', now() - interval '10 minutes', 1000, 400, 'folding', now() - interval '5 minutes')");
        try
        {
            var ready = (await caseworker.Get("/health/ready", ("Authorization", ""))).ShouldBe(200).Json;
            var rebuilds = ready["checks"]!.AsArray().Single(c => (string)c!["name"]! == "rebuilds")!;
            Assert.Equal("Degraded", (string)rebuilds["status"]!);
            Assert.Contains("The rebuild of CaseSummary stopped without a word at 40", (string)rebuilds["description"]!);

            var (exit, output) = await HostCommandLine.Run(features.Schema, "rebuild-folded", "-p", "CaseSummary");
            Assert.True(exit == 0, output);
            var after = (await caseworker.Get("/health/ready", ("Authorization", ""))).ShouldBe(200).Json;
            Assert.Equal("Healthy", (string)after["checks"]!.AsArray().Single(c => (string)c!["name"]! == "rebuilds")!["status"]!);
        }
        finally
        {
            await Sql.ExecuteAsync($"delete from {table}");
        }
    }

    /// <summary>
    /// The fixture's clock may stand months ahead (other tests move it): what the timers would record between the snapshots
    /// compared is recorded first (they run beside the paused daemon).
    /// </summary>
    private async Task RecordWhatTheTimersWould()
    {
        var timers = features.Host.Services.GetRequiredService<Participation.Host.FollowUp.Timers.OverdueCheck>();
        while (await timers.RunDueAsync(CancellationToken.None) > 0) { }
    }

    private static string Document(string row) => row[..row.IndexOf(' ')] + JsonNode.Parse(row[row.IndexOf(' ')..])!["data"]!.ToJsonString();

    private static Func<string, bool> Of(string tenant) => row => row.Contains($"\"tenant_id\": \"{tenant}\"");

    private Task<List<string>> Rows() => StoredRows.Of(features.Schema, Tables);

    private async Task<string?> Indexes() => (string?)await Sql.ScalarAsync(
        $"select string_agg(indexdef, ';' order by indexname) from pg_indexes where schemaname = '{features.Schema}' and tablename like 'mt_doc_case%'");
}
