using Npgsql;
using Participation.Host.Http;
using Participation.Host.Tests.Support;

namespace Participation.Host.Tests.Tenancy;

/// <summary>
/// Fault isolation with a database per tenant (ADR 40): one municipality's database is on a second PostgreSQL server, which
/// is stopped; that tenant gets 503 problems and readiness names it (Degraded, not Unhealthy), the others are served; when
/// the server is back, the tenant is served again with nothing lost.
/// </summary>
public sealed class TenantDatabaseOutageTests(DatabasePerTenantFixture fixture) : IClassFixture<DatabasePerTenantFixture>
{
    [Fact]
    public async Task A_tenant_whose_database_is_down_gets_503_while_the_others_are_served_and_it_resumes_when_it_is_back()
    {
        await using var server = await PrivateCluster.StartAsync();
        var haarlem = new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = "participation_haarlem" }.ConnectionString;
        await fixture.AddTenantAsync("haarlem", haarlem);
        var away = fixture.As("haarlem");
        var before = await away.OpenCase(Scenarios.NewCase(title: "Voor de storing"));
        var amsterdam = fixture.As("amsterdam");

        await server.StopAsync();
        NpgsqlConnection.ClearAllPools();
        var refused = await away.Post("/api/cases", Scenarios.NewCase());
        var read = await away.Get($"/api/cases/{before}");
        var served = await amsterdam.OpenCase();
        var ready = await Readiness();

        Assert.Equal(503, refused.Status);
        Assert.Equal(ProblemTypes.DatabaseUnavailable, refused.Json["type"]!.GetValue<string>());
        Assert.Equal(503, read.Status);
        Assert.Equal(200, (await amsterdam.Get($"/api/cases/{served}")).Status);
        Assert.Equal("Degraded", ready.Database["status"]!.GetValue<string>());
        Assert.Contains("haarlem", ready.Database["data"]!["notAnswering"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.True(ready.Status == 200, ready.Body);

        await server.StartAgainAsync();
        var after = await Eventually(() => away.Post("/api/cases", Scenarios.NewCase(title: "Na de storing")));
        Assert.Equal(201, after.Status);
        Assert.Equal("Voor de storing", (await away.Get($"/api/cases/{before}")).Json["title"]!.GetValue<string>());
        Assert.Equal("Healthy", (await Readiness()).Database["status"]!.GetValue<string>());
    }

    private async Task<(int Status, System.Text.Json.Nodes.JsonNode Database, string Body)> Readiness()
    {
        using var client = fixture.Host.Server.CreateClient();
        var answer = await client.GetAsync("/health/ready");
        var text = await answer.Content.ReadAsStringAsync();
        var body = System.Text.Json.Nodes.JsonNode.Parse(text)!;
        return ((int)answer.StatusCode, body["checks"]!.AsArray().Single(c => c!["name"]!.GetValue<string>() == "database")!, text);
    }

    private static async Task<Response> Eventually(Func<Task<Response>> request)
    {
        for (var attempt = 0; ; attempt++)
        {
            var response = await request();
            if (response.Status != 503 || attempt == 50) return response;
            await Task.Delay(200);
        }
    }
}
