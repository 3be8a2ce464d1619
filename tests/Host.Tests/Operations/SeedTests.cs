using Participation.Host.Tests.Support;

namespace Participation.Host.Tests.Operations;

/// <summary><c>seed</c> fills a demo tenant through the API itself, and a second run changes nothing.</summary>
public sealed class SeedTests
{
    private const string Schema = "seed_tests";

    [Fact]
    public async Task Seeding_tells_half_a_year_of_case_work_through_the_api_once()
    {
        var tenant = "demo-" + Guid.NewGuid().ToString("N")[..8];

        var (exitCode, output) = await HostCommandLine.Run(Schema, "seed", "--tenant", tenant);

        Assert.True(exitCode == 0, output);
        Assert.Contains("Seeded 48 cases", output);
        var counts = await Counts(tenant);
        Assert.Equal(48, counts.Cases);
        Assert.True(counts.Events > 400, $"{counts.Events} events");
        Assert.True(counts.Span > TimeSpan.FromDays(150), $"the cases were opened over {counts.Span}");
        Assert.Empty(new[] { "case_closed", "case_opened", "contact_moment_recorded", "network_connected", "participant_joined", "phase_changed",
            "strength_recorded", "agreement_made", "agreement_fulfilled", "agreement_broken", "network_registered", "measurement_recorded", "norms_set",
            "case_suspended" }.Except(counts.Types));
        // The main resident of (nearly) every case measured at intake, and of most at evaluation too (DemoStoryTests).
        Assert.InRange(counts.Measurements, 46 + 23, 2 * 48);
        // The programmes' norms are set, and some agreements are left past their due day for the API's timers and the worklist.
        Assert.True((long)(await Sql.ScalarAsync(
            $"select count(*) from {Schema}.mt_doc_casefollowup where tenant_id = '{tenant}' and data::text like '%\"kind\": \"Agreement\"%' " +
            "and earliest_due_at < now()"))! > 0);
        // The story's networks are registered first, the mosque's women's group twice under near-duplicate names, and cases connect to them by id.
        Assert.Equal(10L, await Sql.ScalarAsync($"select count(*) from {Schema}.mt_doc_networkstate where tenant_id = '{tenant}'"));
        Assert.Equal(0L, await Sql.ScalarAsync(
            $"select count(*) from {Schema}.mt_events where tenant_id = '{tenant}' and type = 'network_connected' and data->>'networkId' is null"));

        var again = await HostCommandLine.Run(Schema, "seed", "--tenant", tenant);
        Assert.True(again.ExitCode == 0 && again.Output.Contains("nothing seeded"), again.Output);
        Assert.Equal(counts, await Counts(tenant));
    }

    private sealed record SeedCounts(long Cases, long Events, long Measurements, TimeSpan Span, string[] Types)
    {
        public bool Equals(SeedCounts? other) =>
            other is not null && (Cases, Events, Measurements, Span) == (other.Cases, other.Events, other.Measurements, other.Span);
        public override int GetHashCode() => HashCode.Combine(Cases, Events, Measurements, Span);
    }

    private static async Task<SeedCounts> Counts(string tenant)
    {
        var cases = (long)(await Sql.ScalarAsync($"select count(*) from {Schema}.mt_doc_casesummary where tenant_id = '{tenant}'"))!;
        var events = (long)(await Sql.ScalarAsync($"select count(*) from {Schema}.mt_events where tenant_id = '{tenant}'"))!;
        // The story's own times (the server's clock as each step happened), not when the rows were written.
        var span = (TimeSpan)(await Sql.ScalarAsync(
            $"select max((data->>'openedAt')::timestamptz) - min((data->>'openedAt')::timestamptz) from {Schema}.mt_doc_casesummary where tenant_id = '{tenant}'"))!;
        var measurements = (long)(await Sql.ScalarAsync($"select count(*) from {Schema}.mt_events where tenant_id = '{tenant}' and type = 'measurement_recorded'"))!;
        var types = ((string)(await Sql.ScalarAsync($"select string_agg(distinct type, ',') from {Schema}.mt_events where tenant_id = '{tenant}'"))!).Split(',');
        return new SeedCounts(cases, events, measurements, span, types);
    }
}
