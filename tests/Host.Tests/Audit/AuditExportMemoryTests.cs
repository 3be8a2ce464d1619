using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Marten;
using Microsoft.AspNetCore.Hosting;
using Participation.Domain.Cases;
using Participation.Host.Security;
using Participation.Host.Tests.Support;

namespace Participation.Host.Tests.Audit;

/// <summary>
/// A host of its own without an async daemon and with pre-generated handler code, in a collection that runs
/// alone: the test weighs the whole process's managed memory, which other hosts (their daemons, their
/// first-call code generation) would disturb.
/// </summary>
public sealed class ExportMemoryFixture() : ApiFixture("export_tests")
{
    protected override void Configure(IWebHostBuilder builder)
    {
        builder.UseSetting("Marten:Daemon", "Disabled");
        // Dynamic code generation compiles a handler the first time Wolverine needs it, on its own timers too;
        // what Roslyn leaves behind would count as the export's memory.
        builder.UseSetting("Wolverine:CodeGeneration", "Static");
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ExportMemoryCollection : ICollectionFixture<ExportMemoryFixture>
{
    public const string Name = "export-memory";
}

[Collection(ExportMemoryCollection.Name)]
public sealed class AuditExportMemoryTests(ExportMemoryFixture export)
{
    [Fact]
    public async Task The_export_streams_every_matching_event_as_ndjson_with_flat_memory()
    {
        var auditor = export.NewTenant(Roles.Auditor);
        // Large enough that the heap of the rest of the process (the daemons of the hosts alive in it) is small beside a quarter of it.
        const int cases = 400, eventsPerCase = 100;
        await Seed(auditor.Tenant, cases, eventsPerCase);

        using var client = export.Host.Server.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/audit/export");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", auditor.Token);
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType?.MediaType);

        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        long peak = 0, lines = 0, bytes = 0, lastSequence = 0;
        while (await reader.ReadLineAsync() is { } line)
        {
            lines++;
            bytes += line.Length;
            var sequence = (long)JsonNode.Parse(line)!["sequence"]!;
            Assert.True(sequence > lastSequence, "events come in sequence order");
            lastSequence = sequence;
            if (lines % 2000 == 0) peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: true) - baseline);
        }

        Assert.Equal(cases * eventsPerCase, lines);
        // Materialising 40,000 events would hold several times the exported bytes at once;
        // streaming holds a page of rows and a write buffer, whatever the size of the export.
        Assert.True(peak < bytes / 4, $"managed memory grew by {peak:N0} bytes while exporting {bytes:N0} bytes");
    }

    private async Task Seed(string tenant, int cases, int eventsPerCase)
    {
        var store = export.Host.Services.GetRequiredService<IDocumentStore>();
        var at = DateTimeOffset.UtcNow;
        for (var batch = 0; batch < cases / 20; batch++)
        {
            await using var session = store.LightweightSession(tenant);
            session.LastModifiedBy = "seed";
            for (var i = 0; i < 20; i++)
            {
                var caseId = Guid.CreateVersion7();
                var events = new List<object> { new CaseOpened(caseId, CaseDomain.Sport, new Neighbourhood("E38", "Slotermeer", "Nieuw-West"), "Seed", null, null, "seed", at) };
                events.AddRange(Enumerable.Range(1, eventsPerCase - 1).Select(n => new CaseAssigned($"owner-{n}", null, "seed", at)));
                session.Events.StartStream<Case>(caseId, events);
            }
            await session.SaveChangesAsync();
        }
    }
}
