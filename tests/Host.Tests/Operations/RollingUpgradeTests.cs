using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Alba;
using Participation.Host.Security;
using Participation.Host.Tests.Support;

namespace Participation.Host.Tests.Operations;

/// <summary>
/// A rolling upgrade as an operator does one (ADR 39): two nodes of today's version serve a seeded database behind a load
/// balancer while commands and reads keep coming; the nodes are replaced one by one by nodes of a version whose case read
/// model changed. The new version is built beside the old one while the old nodes answer, takes over, follows what the old
/// nodes still write, and drops the old tables once they are gone.
/// </summary>
public sealed class RollingUpgradeTests
{
    private const string Schema = "rolling_upgrade_tests";
    private static readonly (string, string) NewCaseReadModel = ("ReadModels:Versions:CaseDetails", "2");

    private static readonly string[] NewTables =
    [
        "mt_doc_casedetailshead_v2", "mt_doc_caseparticipantentry_v2", "mt_doc_casecontactentry_v2", "mt_doc_casestrengthentry_v2",
        "mt_doc_caseconnectionentry_v2", "mt_doc_caseagreemententry_v2", "mt_doc_casemeasuremententry_v2",
    ];

    [Fact]
    public async Task Rolling_the_nodes_to_a_changed_case_read_model_fails_no_request_answers_nothing_stale_and_equals_a_rebuild()
    {
        await Sql.ExecuteAsync($"drop schema if exists {Schema} cascade");
        await using var balancer = new LoadBalancer();
        var old1 = await TestHost.QuietAsync(Schema);
        var old2 = await TestHost.QuietAsync(Schema);
        balancer.Add(old1);
        balancer.Add(old2);
        var tenant = "t-" + Guid.NewGuid().ToString("N")[..12];
        var caseworker = new Caller(old1, tenant, "anna", old1.Services.GetRequiredService<TokenIssuer>().Issue("anna", tenant, [Roles.Caseworker]));
        var cases = new List<(Guid Case, Guid Parent)>();
        for (var i = 0; i < 13; i++) cases.Add(await caseworker.CaseInPhase(i % 2 == 0 ? "engage" : "strengthen"));
        await balancer.WaitUntil(() => balancer.IsReady(old1) && balancer.IsReady(old2), TimeSpan.FromSeconds(30), "both old nodes ready");

        // Commands and reads through the balancer until the end: each read must show at least the version of the last
        // command on its case that was answered before the read was sent, once the old nodes are gone.
        var failures = new ConcurrentQueue<string>();
        var confirmed = new ConcurrentDictionary<Guid, long>();
        var stale = new ConcurrentQueue<string>();
        var switched = false;
        var requests = 0;
        using var stop = new CancellationTokenSource();
        var load = Enumerable.Range(0, 3).Select(worker => Task.Run(async () =>
        {
            var random = new Random(worker);
            while (!stop.IsCancellationRequested)
            {
                // Each worker writes cases of its own (the last case is no worker's): two commands racing on one case may rightly meet a conflict.
                var (caseId, parent) = cases[worker + 3 * random.Next(4)];
                var command = await balancer.SendAsync(caseworker, c => c.Post($"/api/cases/{caseId}/contacts",
                    new { occurredAt = DateTimeOffset.UtcNow.AddHours(-1), kind = "phone", participantIds = new[] { parent }, summary = "Even bellen" }));
                Interlocked.Increment(ref requests);
                if (command.Status != 200) failures.Enqueue($"contact {command.Status} {command.Body}");
                else confirmed.AddOrUpdate(caseId, command.Version, (_, known) => Math.Max(known, command.Version));

                var (readId, _) = cases[random.Next(cases.Count)];
                var expected = confirmed.GetValueOrDefault(readId);
                var checking = Volatile.Read(ref switched);
                var read = await balancer.SendAsync(caseworker, c => c.Get($"/api/cases/{readId}"));
                Interlocked.Increment(ref requests);
                if (read.Status != 200) failures.Enqueue($"read {read.Status} {read.Body}");
                else if (checking && read.Version < expected) stale.Enqueue($"{readId}: version {read.Version} read after {expected} was answered");
            }
        })).ToList();

        await Task.Delay(TimeSpan.FromSeconds(1));
        var new1 = await TestHost.QuietAsync(Schema, NewCaseReadModel);
        balancer.Add(new1);
        // The new version is built beside the old one while the old nodes answer (the new node is not ready meanwhile), then takes
        // over; the old nodes stay ready, superseded, until they are replaced.
        await balancer.WaitUntil(() => balancer.IsReady(new1), TimeSpan.FromSeconds(60), "the new node ready");
        JsonNode Versions(IAlbaHost node) => new Caller(node, tenant, "anna", caseworker.Token).Get("/health/ready").GetAwaiter().GetResult()
            .ShouldBe(200).Json["checks"]!.AsArray().Single(c => (string?)c!["name"] == "read-model-versions")!;
        await balancer.WaitUntil(() => (string?)Versions(old1)["status"] == "Degraded", TimeSpan.FromSeconds(5), "the old node superseded at its next beat");
        Assert.Contains("CaseDetails version 1 of this node is superseded by version 2", (string?)Versions(old1)["description"]);

        // Each version's nodes answer what the other's wrote (requests in flight at the switch, a balancer that has not probed yet).
        var (late, lateParent) = cases[^1];
        var oldCaller = new Caller(old1, tenant, "anna", caseworker.Token);
        var newCaller = new Caller(new1, tenant, "anna", caseworker.Token);
        foreach (var (writer, reader) in new[] { (oldCaller, newCaller), (newCaller, oldCaller) })
        {
            var written = 0L;
            for (var i = 0; i < 3; i++)
                written = (await writer.Post($"/api/cases/{late}/strengths", new { participantId = lateParent, category = "skills", description = $"Late {i}" }))
                    .ShouldBe(200).Version;
            await balancer.WaitUntil(() => reader.Get($"/api/cases/{late}").GetAwaiter().GetResult().Version >= written, TimeSpan.FromSeconds(10),
                $"version {written}, written through one version's node, read through the other's");
        }
        await balancer.RemoveAsync(old1);
        var new2 = await TestHost.QuietAsync(Schema, NewCaseReadModel);
        balancer.Add(new2);
        await balancer.WaitUntil(() => balancer.IsReady(new2), TimeSpan.FromSeconds(30), "the second new node ready");
        await balancer.RemoveAsync(old2);

        // With the old nodes gone, their tables go; from then on no read may be stale.
        await balancer.WaitUntil(() => Sql.ScalarAsync($"select state from {Schema}.read_model_versions where projection = 'CaseDetails' and version = 1")
            .GetAwaiter().GetResult() as string == "retired", TimeSpan.FromSeconds(30), "version 1 retired");
        Volatile.Write(ref switched, true);
        await Task.Delay(TimeSpan.FromSeconds(2));
        await stop.CancelAsync();
        await Task.WhenAll(load);

        Assert.Empty(failures);
        Assert.Empty(stale);
        Assert.True(requests > 50, $"only {requests} requests were sent");
        Assert.Null(await Sql.ScalarAsync($"select to_regclass('{Schema}.mt_doc_casedetailshead')::text"));
        Assert.True(balancer.IsReady(new1) && balancer.IsReady(new2));

        // The new version's tables equal what Marten's own rebuild of that version makes from all the events.
        var served = await StoredRows.Of(Schema, NewTables);
        foreach (var (caseId, _) in cases)
            Assert.Equal(await Sql.ScalarAsync($"select version from {Schema}.mt_streams where id = '{caseId}'"),
                (await new Caller(new2, tenant, "anna", caseworker.Token).Get($"/api/cases/{caseId}")).ShouldBe(200).Version);
        var (exit, output) = await HostCommandLine.Run(Schema, new Dictionary<string, string> { ["ReadModels__Versions__CaseDetails"] = "2" },
            "projections", "rebuild", "-p", "CaseDetails");
        Assert.True(exit == 0 && !output.Contains("Errors detected"), output);
        StoredRows.AssertSame(served, await StoredRows.Of(Schema, NewTables));
        Assert.Contains(served, row => row.StartsWith("mt_doc_casecontactentry_v2") && row.Contains(tenant));
    }
}
