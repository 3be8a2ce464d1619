using System.Text.Json;
using System.Text.RegularExpressions;
using Alba;
using Microsoft.Extensions.Options;
using Participation.Host.Notifications;
using Participation.Host.Privacy;
using Participation.Host.Security;
using Participation.Host.Tests.Support;

namespace Participation.Host.Tests.Privacy;

/// <summary>
/// Participants' keys are stored wrapped under a master key that is not in the database, so a copy of the database opens
/// nothing; a master key rotation (<c>privacy rewrap</c>) leaves the old master key useless against a later copy. Hosts and
/// the command one after another on one schema, as a deployment does it.
/// </summary>
public sealed partial class MasterKeyTests
{
    private const string Schema = "master_key_tests";
    private const string OldKey = "bWFzdGVyLWtleS10ZXN0cy1vbGQta2V5LTAxMjM0NTY=";
    private const string NewKey = "bWFzdGVyLWtleS10ZXN0cy1uZXcta2V5LTAxMjM0NTY=";

    [Fact]
    public async Task A_dump_never_opens_without_the_master_key_and_after_a_rewrap_not_with_the_old_one()
    {
        await Sql.ExecuteAsync($"drop schema if exists {Schema} cascade");
        var tenant = "t-" + Guid.NewGuid().ToString("N")[..12];
        var fatima = "Fatima Bakker-" + Guid.NewGuid().ToString("N")[..8];
        var karel = "Karel Jansen-" + Guid.NewGuid().ToString("N")[..8];
        Guid fatimasCase, karelsCase, karel_, subscriptionId;
        string karelsUnwrappedKey, webhookSecret;
        await using (var before = await HostWith(("Privacy:MasterKeys:0:Id", "2025"), ("Privacy:MasterKeys:0:Key", OldKey)))
        {
            var caseworker = Caseworker(before, tenant);
            fatimasCase = await caseworker.OpenCase();
            var fatima_ = await caseworker.AddParticipant(fatimasCase, displayName: fatima);
            (await caseworker.Post($"/api/cases/{fatimasCase}/contacts", new
            {
                occurredAt = DateTimeOffset.UtcNow.AddHours(-1), kind = "phone", participantIds = new[] { fatima_ }, summary = $"Gebeld met {fatima}",
            })).ShouldBe(200);
            karelsCase = await caseworker.OpenCase();
            karel_ = await caseworker.AddParticipant(karelsCase, displayName: karel);
            // Karel's key as a database from before keys were wrapped holds it: it still reads, until the rewrap wraps it.
            karelsUnwrappedKey = await StoreUnwrapped(tenant, karel_);
            Assert.Equal(karel, DisplayName((await caseworker.Get($"/api/cases/{karelsCase}")).ShouldBe(200).Json, karel_));
            // A webhook subscription whose secret is stored as it was before secrets were wrapped.
            var subscription = (await caseworker.WithRoles(Roles.Admin).Post("/api/subscriptions", new { callbackUrl = "http://127.0.0.1:9/hook", eventTypes = new[] { "*" } }))
                .ShouldBe(201).Json;
            (webhookSecret, subscriptionId) = ((string)subscription["secret"]!, (Guid)subscription["id"]!);
            await Sql.ExecuteAsync($"update {Schema}.mt_doc_webhooksubscription set data = (data - 'wrappedSecret') || jsonb_build_object('secret', '{webhookSecret}') " +
                                   $"where id = '{subscriptionId}'");

            var dump = await DatabaseDump.AllAsync();
            Assert.DoesNotContain(fatima, dump);
            Assert.Contains(webhookSecret, dump);
            Assert.DoesNotContain(Opened(dump, KeysAsStored(dump, tenant)), text => text.Contains(fatima));
            Assert.Contains(Opened(dump, KeysOpenedWith(dump, tenant, Ring(("2025", OldKey)))), text => text.Contains(fatima));
        }

        var rotation = new Dictionary<string, string>
        {
            ["Privacy__MasterKey"] = "",
            ["Privacy__MasterKeys__0__Id"] = "2026", ["Privacy__MasterKeys__0__Key"] = NewKey,
            ["Privacy__MasterKeys__1__Id"] = "2025", ["Privacy__MasterKeys__1__Key"] = OldKey,
        };
        var (statusExit, status) = await HostCommandLine.Run(Schema, rotation, "privacy");
        Assert.True(statusExit == 0, status);
        Assert.Contains("2025", status);
        Assert.Contains("(not wrapped)", status);
        var (rewrapExit, rewrap) = await HostCommandLine.Run(Schema, rotation, "privacy", "rewrap");
        Assert.True(rewrapExit == 0, rewrap);
        Assert.Contains("Rewrapped 3 secret(s)", rewrap);

        await using var after = await HostWith(("Privacy:MasterKeys:0:Id", "2026"), ("Privacy:MasterKeys:0:Key", NewKey));
        var reader = Caseworker(after, tenant).WithRoles(Roles.Admin);
        var state = (await reader.Get($"/api/cases/{fatimasCase}")).ShouldBe(200).Json;
        Assert.Equal($"Gebeld met {fatima}", (string?)state["contacts"]![0]!["summary"]);
        Assert.Equal(karel, DisplayName((await reader.Get($"/api/cases/{karelsCase}")).ShouldBe(200).Json, karel_));
        Assert.True((bool)(await reader.Get($"/api/cases/{fatimasCase}/verify")).ShouldBe(200).Json["intact"]!);

        var dumpAfter = await DatabaseDump.AllAsync();
        Assert.DoesNotContain(karelsUnwrappedKey, dumpAfter);
        Assert.DoesNotContain(webhookSecret, dumpAfter);
        await using (var query = after.Services.GetRequiredService<Marten.IDocumentStore>().QuerySession(tenant))
        {
            var stored = (await query.LoadAsync<WebhookSubscription>(subscriptionId))!;
            Assert.Null(stored.Secret);
            Assert.Equal(webhookSecret, after.Services.GetRequiredService<WebhookSecrets>().Of(stored, tenant));
        }
        Assert.Throws<System.Security.Cryptography.AuthenticationTagMismatchException>(() => KeysOpenedWith(dumpAfter, tenant, Ring(("2026", OldKey))));
        Assert.Throws<MasterKeyMissing>(() => KeysOpenedWith(dumpAfter, tenant, Ring(("2025", OldKey))));
        Assert.DoesNotContain(Opened(dumpAfter, KeysAsStored(dumpAfter, tenant)), text => text.Contains(fatima) || text.Contains(karel));
        var openedWithNewKey = Opened(dumpAfter, KeysOpenedWith(dumpAfter, tenant, Ring(("2026", NewKey))));
        Assert.Contains(openedWithNewKey, text => text.Contains(fatima));
        Assert.Contains(openedWithNewKey, text => text.Contains(karel));
    }

    private static Task<IAlbaHost> HostWith(params (string Key, string Value)[] settings) => TestHost.QuietAsync(Schema, [("Privacy:MasterKey", ""), .. settings]);

    private static Caller Caseworker(IAlbaHost host, string tenant) =>
        new(host, tenant, "anna", host.Services.GetRequiredService<TokenIssuer>().Issue("anna", tenant, [Roles.Caseworker]));

    private static string? DisplayName(System.Text.Json.Nodes.JsonNode state, Guid participantId) =>
        (string?)state["participants"]!.AsArray().Single(p => (Guid)p!["participantId"]! == participantId)!["displayName"];

    private static MasterKeyRing Ring((string Id, string Key) key) =>
        new(Options.Create(new MasterKeyOptions { MasterKeys = [new NamedMasterKey { Id = key.Id, Key = key.Key }] }));

    /// <summary>Replaces the participant's key document by the form of before keys were wrapped; the key, base64.</summary>
    private static async Task<string> StoreUnwrapped(string tenant, Guid participantId)
    {
        var stored = KeysFromDump(await DatabaseDump.AllAsync(), tenant).Single(k => k.Id == participantId);
        var key = Convert.ToBase64String(new PersonalDataKeys(Ring(("2025", OldKey))).Open(tenant, stored));
        await Sql.ExecuteAsync($"update {Schema}.mt_doc_personaldatakey set data = '{{\"id\": \"{participantId}\", \"key\": \"{key}\"}}' " +
                               $"where tenant_id = '{tenant}' and id = '{participantId}'");
        return key;
    }

    /// <summary>What someone holding only the dump would try: the stored bytes themselves as the participants' keys.</summary>
    private static Dictionary<Guid, byte[]> KeysAsStored(string dump, string tenant) =>
        KeysFromDump(dump, tenant).ToDictionary(k => k.Id, k => k.Wrapped?.Wrapped ?? k.Key!);

    private static Dictionary<Guid, byte[]> KeysOpenedWith(string dump, string tenant, MasterKeyRing ring) =>
        KeysFromDump(dump, tenant).ToDictionary(k => k.Id, k => new PersonalDataKeys(ring).Open(tenant, k));

    /// <summary>Every encrypted value in the dump, opened with <paramref name="keys"/> (what does not open reads erased).</summary>
    private static List<string> Opened(string dump, Dictionary<Guid, byte[]> keys)
    {
        using var opener = new PersonalDataCipher.Opener(keys);
        return EncryptedValue().Matches(dump).Select(m => opener.Open(m.Value)).Where(text => text != PersonalDataCipher.Erased).ToList();
    }

    private static List<PersonalDataKey> KeysFromDump(string dump, string tenant)
    {
        var lines = dump.Split('\n');
        var start = Array.FindIndex(lines, l => l.StartsWith($"COPY {Schema}.mt_doc_personaldatakey ", StringComparison.Ordinal));
        var columns = lines[start][(lines[start].IndexOf('(') + 1)..lines[start].IndexOf(')')].Split(", ");
        return lines.Skip(start + 1).TakeWhile(l => l != "\\.").Select(l => l.Split('\t'))
            .Where(row => row[Array.IndexOf(columns, "tenant_id")] == tenant)
            .Select(row => JsonSerializer.Deserialize<PersonalDataKey>(row[Array.IndexOf(columns, "data")], JsonSerializerOptions.Web)!).ToList();
    }

    [GeneratedRegex(@"pd1:[0-9a-f,]+:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+")]
    private static partial Regex EncryptedValue();
}
