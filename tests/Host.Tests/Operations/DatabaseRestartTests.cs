using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Participation.Host.Tests.Support;
using Xunit.Abstractions;

namespace Participation.Host.Tests.Operations;

/// <summary>A host on a PostgreSQL cluster of its own, which the test restarts.</summary>
public sealed class DatabaseRestartFixture() : ApiFixture("restart_tests")
{
    public PrivateCluster Cluster { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        Cluster = await PrivateCluster.StartAsync();
        await base.InitializeAsync();
    }

    protected override void Configure(IWebHostBuilder builder) =>
        builder.UseSetting("ConnectionStrings:Marten", Cluster.ConnectionString);

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Cluster.DisposeAsync();
    }
}

/// <summary>
/// PostgreSQL restarted under load: every answer is a success or a 503 with Retry-After, never another 5xx; every
/// case acknowledged with 201 is there afterwards, and the host serves again by itself.
/// </summary>
public sealed class DatabaseRestartTests(DatabaseRestartFixture restart, ITestOutputHelper output) : IClassFixture<DatabaseRestartFixture>
{
    [Fact]
    public async Task A_restart_under_load_gives_503s_and_no_other_5xx_and_loses_nothing_acknowledged()
    {
        var caseworker = restart.NewTenant();
        var answers = new ConcurrentBag<Response>();
        var opened = new ConcurrentBag<Guid>();
        using var stop = new CancellationTokenSource();

        async Task Load()
        {
            while (!stop.IsCancellationRequested)
            {
                var created = await caseworker.Post("/api/cases", Scenarios.NewCase());
                answers.Add(created);
                if (created.Status != 201) continue;
                var id = (Guid)created.Json["id"]!;
                opened.Add(id);
                answers.Add(await caseworker.Post($"/api/cases/{id}/participants", new { role = "parent", displayName = "Fatima Yilmaz" }));
                answers.Add(await caseworker.Get($"/api/cases/{id}"));
            }
        }

        // Warm: every route of the load compiled and connections pooled before the restart.
        var warm = await caseworker.OpenCase();
        await caseworker.AddParticipant(warm);
        (await caseworker.Get($"/api/cases/{warm}")).ShouldBe(200);

        var load = Enumerable.Range(0, 4).Select(_ => Task.Run(Load)).ToList();
        await Task.Delay(TimeSpan.FromSeconds(1));
        await restart.Cluster.RestartAsync();
        await Task.Delay(TimeSpan.FromSeconds(3));
        await stop.CancelAsync();
        await Task.WhenAll(load);

        var failures = answers.Where(a => a.Status >= 500).ToList();
        output.WriteLine($"{answers.Count} answers during the restart: {string.Join(", ", answers.GroupBy(a => a.Status).OrderBy(g => g.Key).Select(g => $"{g.Count()} × {g.Key}"))}");
        Assert.All(failures, a => Assert.True(a.Status == 503 && a.Headers.ContainsKey("Retry-After"), $"HTTP {a.Status}: {a.Body}"));
        Assert.Contains(answers, a => a.Status == 201);
        Assert.Contains(answers, a => a.Status == 503);
        foreach (var id in opened)
            (await caseworker.Get($"/api/cases/{id}")).ShouldBe(200);
        (await caseworker.Post("/api/cases", Scenarios.NewCase())).ShouldBe(201);
    }
}
