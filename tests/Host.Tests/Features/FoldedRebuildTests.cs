using Marten;
using Participation.Host.Security;
using Participation.Host.Tests.Support;
using Participation.Projections.Cases;

namespace Participation.Host.Tests.Features;

/// <summary>
/// <c>rebuild-folded</c> (ADR 38) writes the decision state as Marten's rebuild does, over every tenant and feature this
/// schema's tests left (erasures, destructions, merges, the store's tombstones), and commands go on from it.
/// </summary>
[Collection(FeatureCollection.Name)]
public sealed class FoldedRebuildTests(FeatureFixture features)
{
    [Fact]
    public async Task Folding_each_stream_and_copying_the_table_once_gives_the_decision_state_marten_rebuilds_and_commands_go_on_from_it()
    {
        var caseworker = features.NewTenant(Roles.Caseworker, Roles.Admin);
        var (erased, parent) = await caseworker.CaseInPhase("connect");
        var volunteer = await caseworker.AddParticipant(erased, "volunteer", "Henk de Vries");
        (await caseworker.Post($"/api/cases/{erased}/participants/{parent}/erase", new { })).ShouldBe(200);
        (await caseworker.Post($"/api/cases/{erased}/close", new { outcome = "achieved", summary = "Kookclub draait" })).ShouldBe(200);
        var (suspended, _) = await caseworker.CaseInPhase("strengthen");
        (await caseworker.Post($"/api/cases/{suspended}/suspend", new { reason = "Familie op reis", until = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(30)) }))
            .ShouldBe(200);
        var live = await DecisionStates();
        var indexes = await Indexes();

        var (martenExit, martenOutput) = await DaemonPause.WhileAsync(features.Host,
            () => HostCommandLine.Run(features.Schema, "projections", "rebuild", "-p", nameof(Domain.Cases.Case)));
        Assert.True(martenExit == 0, martenOutput);
        var rebuiltByMarten = await DecisionStates();
        await Sql.ExecuteAsync($"delete from {features.Schema}.mt_doc_case");

        var (exit, output) = await DaemonPause.WhileAsync(features.Host, () => HostCommandLine.Run(features.Schema, "rebuild-folded", "-p", "Case"));
        Assert.True(exit == 0 && output.Contains("Rebuilt Case"), output);
        var folded = await DecisionStates();
        Assert.Equal(rebuiltByMarten, folded);
        Assert.Equal(live.Where(Of(caseworker.Tenant)), folded.Where(Of(caseworker.Tenant)));
        Assert.Contains(folded, row => Of(caseworker.Tenant)(row));
        // The fresh table took the old one's place and index names, so Marten's schema check finds nothing to change.
        Assert.Equal(indexes, await Indexes());
        Assert.Null(await Sql.ScalarAsync($"select to_regclass('{features.Schema}.mt_doc_case_rebuilt')::text"));

        // The next command loads the folded state: the erased parent is gone from it, the volunteer is not.
        (await caseworker.Post($"/api/cases/{erased}/reopen", new { reason = "Nieuwe vraag" })).ShouldBe(200);
        await caseworker.RecordContact(erased, volunteer);
        (await caseworker.Post($"/api/cases/{suspended}/resume", new { note = "Terug" })).ShouldBe(200);
        var store = features.Host.Services.GetRequiredService<IDocumentStore>();
        await using var session = store.QuerySession(caseworker.Tenant);
        Assert.Equal(await caseworker.CurrentVersion(erased), (await session.LoadAsync<Domain.Cases.Case>(erased))!.Version);
    }

    private async Task<string?> Indexes() => (string?)await Sql.ScalarAsync(
        $"select string_agg(indexdef, ';' order by indexname) from pg_indexes where schemaname = '{features.Schema}' and tablename = 'mt_doc_case'");

    private static Func<string, bool> Of(string tenant) => row => row.StartsWith(tenant + "|");

    /// <summary>Every decision state of the schema as stored, but for when it was written.</summary>
    private async Task<List<string>> DecisionStates()
    {
        var rows = (string?)await Sql.ScalarAsync(
            $"select string_agg(concat_ws('|', tenant_id, id, mt_version, mt_dotnet_type, data::text), E'\\n' order by tenant_id, id) from {features.Schema}.mt_doc_case");
        return [.. (rows ?? "").Split('\n')];
    }
}
