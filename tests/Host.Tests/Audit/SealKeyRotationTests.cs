using System.Text;
using Alba;
using Npgsql;
using Participation.Host.Audit.Seals;
using Participation.Host.Security;
using Participation.Host.Tests.Support;

namespace Participation.Host.Tests.Audit;

/// <summary>
/// Rotating the tamper-evidence key: hosts one after another on one schema, as a deployment restarts with new keys.
/// Histories sealed before keep verifying with their own key; new events are sealed with the new one.
/// </summary>
public sealed class SealKeyRotationTests
{
    private const string Schema = "seal_rotation_tests";
    private const string OldKey = "seal-rotation-test-old-key-0123456789-abcdefghijklmnop";
    private const string NewKey = "seal-rotation-test-new-key-0123456789-abcdefghijklmnop";

    [Fact]
    public async Task Old_histories_stay_intact_under_the_key_they_name_and_new_events_are_sealed_with_the_new_key()
    {
        await Sql.ExecuteAsync($"drop schema if exists {Schema} cascade");
        var tenant = "t-" + Guid.NewGuid().ToString("N")[..12];
        Guid legacyCase, namedCase;
        await using (var before = await HostWith(("Audit:SealKey", OldKey)))
        {
            var caseworker = Caseworker(before, tenant);
            (legacyCase, _) = await caseworker.CaseInPhase("strengthen");
            await SealAsBeforeSealsNamedTheirKey(legacyCase);
            namedCase = await caseworker.OpenCase();
            await caseworker.AddParticipant(namedCase);

            Assert.True(await Intact(before, tenant, legacyCase));
            Assert.All(await Seals(namedCase), seal => Assert.StartsWith("default:", seal));
        }

        await using (var rotated = await HostWith(("Audit:SealKeys:0:Id", "2026"), ("Audit:SealKeys:0:Key", NewKey), ("Audit:SealKey", OldKey)))
        {
            var caseworker = Caseworker(rotated, tenant);
            Assert.True(await Intact(rotated, tenant, legacyCase));
            Assert.True(await Intact(rotated, tenant, namedCase));

            await caseworker.RecordContact(legacyCase, (Guid)(await caseworker.Get($"/api/cases/{legacyCase}")).Json["participants"]![0]!["participantId"]!);
            await caseworker.RecordStrength(namedCase);

            Assert.StartsWith("2026:", (await Seals(legacyCase))[^1]);
            Assert.StartsWith("2026:", (await Seals(namedCase))[^1]);
            Assert.True(await Intact(rotated, tenant, legacyCase));
            Assert.True(await Intact(rotated, tenant, namedCase));

            await Sql.ExecuteAsync($"update {Schema}.mt_events set user_name = 'mallory' where stream_id = '{legacyCase}' and version = 2");
            var verdict = (await caseworker.WithRoles(Roles.Auditor).Get($"/api/cases/{legacyCase}/verify")).ShouldBe(200).Json;
            Assert.Equal(2, (long)verdict["firstBrokenVersion"]!);
        }

        await using var withoutOldKey = await HostWith(("Audit:SealKeys:0:Id", "2026"), ("Audit:SealKeys:0:Key", NewKey), ("Audit:SealKey", ""));
        var unverifiable = (await Caseworker(withoutOldKey, tenant).WithRoles(Roles.Auditor).Get($"/api/cases/{namedCase}/verify")).ShouldBe(200).Json;
        Assert.Equal(1, (long)unverifiable["firstBrokenVersion"]!);
    }

    private static Task<IAlbaHost> HostWith(params (string Key, string Value)[] settings) => TestHost.QuietAsync(Schema, [.. settings]);

    private static Caller Caseworker(IAlbaHost host, string tenant) =>
        new(host, tenant, "anna", host.Services.GetRequiredService<TokenIssuer>().Issue("anna", tenant, [Roles.Caseworker]));

    private static async Task<bool> Intact(IAlbaHost host, string tenant, Guid caseId) =>
        (bool)(await Caseworker(host, tenant).WithRoles(Roles.Auditor).Get($"/api/cases/{caseId}/verify")).ShouldBe(200).Json["intact"]!;

    private static async Task<List<string>> Seals(Guid caseId)
    {
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"select headers ->> 'seal' from {Schema}.mt_events where stream_id = '{caseId}' order by version", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var seals = new List<string>();
        while (await reader.ReadAsync()) seals.Add(reader.GetString(0));
        return seals;
    }

    /// <summary>The stream's seals as the version before this one wrote them: the bare HMAC chain under the one key, no key id.</summary>
    private static async Task SealAsBeforeSealsNamedTheirKey(Guid caseId)
    {
        var seal = new EventSeal(Encoding.UTF8.GetBytes(OldKey));
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        await connection.OpenAsync();
        var rows = new List<SealedEvent>();
        await using (var select = new NpgsqlCommand(
            $"select tenant_id, version, type, data::text, user_name, correlation_id, causation_id from {Schema}.mt_events where stream_id = '{caseId}' order by version", connection))
        await using (var reader = await select.ExecuteReaderAsync())
            while (await reader.ReadAsync())
                rows.Add(new SealedEvent(reader.GetString(0), caseId, reader.GetInt64(1), reader.GetString(2), reader.GetString(3),
                    reader.IsDBNull(4) ? null : reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetString(6)));
        var previous = EventSeal.Genesis;
        foreach (var row in rows)
        {
            previous = seal.Compute(previous, row);
            await using var update = new NpgsqlCommand(
                $"update {Schema}.mt_events set headers = jsonb_set(headers, '{{seal}}', to_jsonb($1::text)) where stream_id = $2 and version = $3", connection)
            {
                Parameters = { new() { Value = previous }, new() { Value = caseId }, new() { Value = row.Version } },
            };
            await update.ExecuteNonQueryAsync();
        }
    }
}
