using Microsoft.AspNetCore.Hosting;
using Participation.Host.Tests.Support;

namespace Participation.Host.Tests.Operations;

/// <summary>A host whose PostgreSQL link the test can cut, as when the database restarts under a running node.</summary>
public sealed class DatabaseOutageFixture() : ApiFixture("outage_tests")
{
    public DatabaseLink Link { get; } = new(TestDatabase.ConnectionString);

    protected override void Configure(IWebHostBuilder builder) =>
        builder.UseSetting("ConnectionStrings:Marten", Link.ConnectionString);

    public override async Task DisposeAsync()
    {
        Link.Restore();
        await base.DisposeAsync();
        await Link.DisposeAsync();
    }
}

/// <summary>
/// While PostgreSQL cannot be reached, reads and commands are answered 503 with Retry-After (a retry will work;
/// never a 500), readiness says so, nothing is lost or half-written, and the node recovers by itself.
/// </summary>
public sealed class DatabaseOutageTests(DatabaseOutageFixture outage) : IClassFixture<DatabaseOutageFixture>
{
    private static readonly (string, string) NoToken = ("Authorization", "");

    [Fact]
    public async Task Without_the_database_requests_get_503_with_retry_after_and_the_node_recovers_when_it_returns()
    {
        var caseworker = outage.NewTenant();
        var caseId = await caseworker.OpenCase();

        outage.Link.Cut();
        try
        {
            foreach (var response in new[]
                     {
                         await caseworker.Get("/api/cases"),
                         await caseworker.Get($"/api/cases/{caseId}"),
                         await caseworker.Post("/api/cases", Scenarios.NewCase(title: "Tijdens de storing")),
                         await caseworker.Post($"/api/cases/{caseId}/phase", new { to = "strengthen" }),
                     })
            {
                var problem = response.ShouldBeProblem(503);
                Assert.EndsWith("/problems/database-unavailable", (string?)problem["type"]);
                Assert.Equal("5", response.Headers["Retry-After"]);
            }
            (await caseworker.Get("/health/ready", NoToken)).ShouldBe(503);
            (await caseworker.Get("/health/live", NoToken)).ShouldBe(200);
        }
        finally
        {
            outage.Link.Restore();
        }

        var cases = await Eventually(() => caseworker.Get("/api/cases"), r => r.Status == 200);
        Assert.Equal([caseId], cases.Json["items"]!.AsArray().Select(c => (Guid)c!["id"]!));
        var state = (await caseworker.Get($"/api/cases/{caseId}")).ShouldBe(200).Json;
        Assert.Equal(1, (long)state["version"]!);
        await Eventually(() => caseworker.Get("/health/ready", NoToken), r => r.Status == 200);
        Assert.DoesNotContain(outage.LogLines, line => line.StartsWith("Error Microsoft.AspNetCore", StringComparison.Ordinal));
    }

    private static async Task<Response> Eventually(Func<Task<Response>> call, Func<Response, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var response = await call();
            if (done(response) || DateTime.UtcNow > deadline) return response;
            await Task.Delay(250);
        }
    }
}
