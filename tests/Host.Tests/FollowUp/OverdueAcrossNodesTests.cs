using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Npgsql;
using Participation.Host.Security;
using Participation.Host.Tests.Operations;
using Participation.Host.Tests.Support;

namespace Participation.Host.Tests.FollowUp;

/// <summary>
/// Three Production nodes on one PostgreSQL cluster of their own, checking timers every second. Deadlines fall due while
/// one node is killed (SIGKILL, mid-work) and the database is restarted; every deadline and level is still recorded, once.
/// </summary>
public sealed class OverdueAcrossNodesTests
{
    private const string Schema = "follow_up_nodes";
    private const int Cases = 40;
    private const string Tenant = "amsterdam";

    [Fact]
    public async Task Every_due_deadline_is_recorded_exactly_once_with_three_nodes_a_killed_node_and_a_database_restart()
    {
        await using var cluster = await PrivateCluster.StartAsync();
        await using var first = await StartNode(cluster);
        await using var second = await StartNode(cluster);
        await using var third = await StartNode(cluster);
        using var client = Client(first.Address);

        // Each case gets an agreement that was due yesterday: late and three times late at once, so two records per case.
        var cases = new List<Guid>();
        for (var i = 0; i < Cases; i++)
        {
            cases.Add(await OpenCaseWithOverdueAgreement(client));
            if (i == Cases / 2) await second.KillAsync(); // killed while the others' and its own timers are due
            if (i == Cases * 3 / 4) await RestartDatabase(cluster, client);
        }

        await using var connection = new NpgsqlConnection(cluster.ConnectionString);
        await connection.OpenAsync();
        var recorded = 0L;
        using (var patience = new CancellationTokenSource(TimeSpan.FromMinutes(2)))
            while ((recorded = await Count(connection, "select count(*) from {0}.mt_events where type = 'follow_up_overdue'")) < 2 * Cases)
                await Task.Delay(200, patience.Token);

        // Every case has its late and its late-3x, and no deadline and level is recorded twice.
        Assert.Equal(2L * Cases, recorded);
        Assert.Equal(0L, await Count(connection,
            "select count(*) from (select stream_id, data->>'kind', data->>'ref', data->>'dueAt', data->>'level' from {0}.mt_events " +
            "where type = 'follow_up_overdue' group by 1, 2, 3, 4, 5 having count(*) > 1) duplicates"));
        Assert.Equal((long)Cases, await Count(connection,
            "select count(distinct stream_id) from {0}.mt_events where type = 'follow_up_overdue'"));
        // No timer is left behind: each case's next one is its contact deadline, a month away.
        Assert.Equal(0L, await Count(connection, "select count(*) from {0}.mt_doc_casefollowup where next_check_at <= now()"));
        // Every seal chain continued where another node left it (the timers read the heads they did not know, many at once).
        using var verifier = Client(third.Address, Roles.Auditor);
        foreach (var caseId in cases)
            Assert.True((bool)JsonNode.Parse(await verifier.GetStringAsync($"/api/cases/{caseId}/verify"))!["intact"]!, $"case {caseId}");
    }

    private static async Task<long> Count(NpgsqlConnection connection, string sql) =>
        (long)(await connection.ScalarAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, sql, Schema)))!;

    private static async Task<Guid> OpenCaseWithOverdueAgreement(HttpClient client)
    {
        var caseId = (Guid)(await Send(client, "/api/cases", Scenarios.NewCase()))["id"]!;
        var parent = (Guid)(await Send(client, $"/api/cases/{caseId}/participants", new { role = "parent", displayName = "Fatima" }))["participantId"]!;
        await Send(client, $"/api/cases/{caseId}/agreements",
            new { parties = new[] { parent }, gives = "Bellen", dueOn = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1) });
        return caseId;
    }

    /// <summary>A command, tried again while the database is away (a 503 says so).</summary>
    private static async Task<JsonNode> Send(HttpClient client, string url, object body)
    {
        for (var attempt = 0; ; attempt++)
        {
            using var response = await client.PostAsJsonAsync(url, body);
            if (response.IsSuccessStatusCode) return (await response.Content.ReadFromJsonAsync<JsonNode>())!;
            Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable && attempt < 100, $"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            await Task.Delay(200);
        }
    }

    private static async Task RestartDatabase(PrivateCluster cluster, HttpClient client)
    {
        await cluster.RestartAsync();
        // Back once a read answers again.
        for (var attempt = 0; attempt < 100 && (await client.GetAsync("/api/norms")).StatusCode != HttpStatusCode.OK; attempt++) await Task.Delay(200);
    }

    private static Task<HostProcess> StartNode(PrivateCluster cluster) => HostProcess.StartAsync(Schema, new Dictionary<string, string>
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["ConnectionStrings__Marten"] = cluster.ConnectionString,
        ["Auth__SigningKey"] = ProductionHostFixture.SigningKey,
        ["Audit__SealKey"] = "follow-up-nodes-seal-key-0123456789-abcdefghijklmnop",
        ["Privacy__MasterKey"] = ProductionHostFixture.MasterKey,
        ["FollowUp__CheckInterval"] = "00:00:01",
    });

    private static HttpClient Client(Uri address, params string[] roles)
    {
        var token = new TokenIssuer(new JwtSettings { SigningKey = ProductionHostFixture.SigningKey }, TimeProvider.System)
            .Issue("anna", Tenant, roles is [] ? [Roles.Caseworker, Roles.Manager] : roles);
        return new HttpClient { BaseAddress = address, DefaultRequestHeaders = { Authorization = new("Bearer", token) } };
    }
}
