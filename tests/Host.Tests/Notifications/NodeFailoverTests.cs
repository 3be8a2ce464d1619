using Alba;
using JasperFx.CommandLine;
using Marten.Events;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Hosting;
using Participation.Host.Security;
using Participation.Host.Tests.Operations;
using Participation.Host.Tests.Support;

namespace Participation.Host.Tests.Notifications;

/// <summary>
/// Two nodes in Production configuration on one database (Wolverine places the fan-out and the pumps); the node
/// delivering is stopped in the middle of its deliveries, and the other finishes them with nothing lost.
/// </summary>
public sealed class NodeFailoverTests
{
    private const string Schema = "failover_tests";

    [Fact]
    public async Task A_node_stopped_in_the_middle_of_deliveries_leaves_the_rest_to_the_other_node()
    {
        await Sql.ExecuteAsync($"drop schema if exists {Schema} cascade");
        await using var receiver = await Receiver.StartAsync();
        var callback = receiver.NewCallback(out var path);
        // Slow enough that deliveries are still under way when the first node stops.
        receiver.Answer(path, async _ =>
        {
            await Task.Delay(100);
            return (200, null);
        });

        await using var first = await Node();
        await using var second = await Node();
        var tenant = "t-" + Guid.NewGuid().ToString("N")[..12];
        var admin = As(first, tenant, Roles.Admin);
        (await admin.Post("/api/subscriptions", new { callbackUrl = callback, eventTypes = new[] { "*" } })).ShouldBe(201);

        var caseworker = As(first, tenant, Roles.Caseworker);
        var cases = new List<Guid>();
        for (var i = 0; i < 6; i++)
        {
            var caseId = await caseworker.OpenCase();
            var parent = await caseworker.AddParticipant(caseId);
            for (var c = 0; c < 3; c++) await caseworker.RecordContact(caseId, parent);
            cases.Add(caseId);
        }
        await receiver.WaitFor(path, r => r.Count >= 3, TimeSpan.FromSeconds(90));
        await first.DisposeAsync();

        var stillUp = As(second, tenant, Roles.Caseworker);
        foreach (var caseId in cases) (await stillUp.Post($"/api/cases/{caseId}/assign", new { owner = "piet" })).ShouldBe(200);
        var accepted = await receiver.WaitFor(path, r => cases.All(c => r.Where(x => x.CaseId == c).Select(x => x.Version).Distinct().Count() == 6),
            TimeSpan.FromSeconds(120));

        foreach (var caseId in cases)
        {
            // At least once, in order: each version first arrives after every earlier one.
            var firstArrivals = accepted.Where(r => r.CaseId == caseId).Select(r => r.Version).Distinct().ToList();
            Assert.Equal(Enumerable.Range(1, 6).Select(v => (long)v), firstArrivals);
        }
    }

    private static async Task<IAlbaHost> Node()
    {
        JasperFxEnvironment.AutoStartHost = true;
        return await AlbaHost.For<Program>(builder =>
        {
            builder.UseEnvironment(Environments.Production);
            builder.UseSetting("ConnectionStrings:Marten", TestDatabase.ConnectionString);
            builder.UseSetting("Marten:Schema", Schema);
            builder.UseSetting("Auth:SigningKey", ProductionHostFixture.SigningKey);
            builder.UseSetting("Audit:SealKey", "failover-test-seal-key-0123456789-abcdefghijklmnop");
            builder.UseSetting("Privacy:MasterKey", ProductionHostFixture.MasterKey);
            builder.UseSetting("Notifications:AllowInsecureCallbacks", "true");
            builder.UseSetting("Notifications:RetryDelays:0", "00:00:00.5");
        });
    }

    private static Caller As(IAlbaHost node, string tenant, string role) =>
        new(node, tenant, "anna", node.Services.GetRequiredService<TokenIssuer>().Issue("anna", tenant, [role]));
}
