using JasperFx.CommandLine;
using Marten;
using Npgsql;
using Spectre.Console;

namespace Participation.Host.Privacy;

// Lower case, as typed on the command line (JasperFx matches enum arguments by exact name).
public enum PrivacyAction { status, rewrap }

public sealed class PrivacyInput : NetCoreInput
{
    [Description("status (the default) counts the participants' keys under each master key; rewrap moves every key to the current master key")]
    public PrivacyAction Action { get; set; } = PrivacyAction.status;
}

/// <summary>
/// The operator's side of master key rotation (ADR 13): configure the new master key first in <c>Privacy:MasterKeys</c>
/// with the old one after it, run <c>privacy rewrap</c>, then drop the old key. Rewrapping changes only the key
/// documents, batch by batch, never an event; keys stored before keys were wrapped are wrapped by it too.
/// </summary>
[Description("Counts the participants' keys per master key, or rewraps them all under the current master key", Name = "privacy")]
public sealed class PrivacyCommand : JasperFxAsyncCommand<PrivacyInput>
{
    private const int BatchSize = 500;
    private const string Unwrapped = "(not wrapped)";

    public PrivacyCommand()
    {
        Usage("Count the participants' keys under each master key");
        Usage("Count them, or rewrap them all under the current master key").Arguments(x => x.Action);
    }

    public override async Task<bool> Execute(PrivacyInput input)
    {
        using var host = input.BuildHost();
        var store = host.Services.GetRequiredService<IDocumentStore>();
        var keys = host.Services.GetRequiredService<PersonalDataKeys>();
        var ring = host.Services.GetRequiredService<MasterKeyRing>();
        var table = store.Options.FindOrResolveDocumentType(typeof(PersonalDataKey)).TableName.QualifiedName;
        var dataSource = host.Services.GetRequiredService<NpgsqlDataSource>();
        var serializer = store.Options.Serializer();

        var counts = await CountsAsync(dataSource, table);
        var summary = new Table().AddColumns("master key", "keys");
        foreach (var (id, count) in counts) summary.AddRow(Markup.Escape(id.Length == 0 ? Unwrapped : id), count.ToString());
        AnsiConsole.Write(summary);
        var unknown = counts.Keys.Where(id => id.Length > 0 && !ring.Holds(id)).ToList();
        if (unknown.Count > 0)
        {
            AnsiConsole.MarkupLine($"[red]Keys are wrapped under master keys this configuration lacks: {Markup.Escape(string.Join(", ", unknown))}. " +
                                   "Add them to Privacy:MasterKeys (after the current one).[/]");
            return false;
        }
        if (input.Action == PrivacyAction.status) return true;

        var toRewrap = counts.Where(c => c.Key != keys.CurrentMasterKeyId).Sum(c => c.Value);
        var rewrapped = 0L;
        await AnsiConsole.Progress().StartAsync(async progress =>
        {
            var task = progress.AddTask($"Rewrapping under master key {Markup.Escape(keys.CurrentMasterKeyId)}", maxValue: Math.Max(toRewrap, 1));
            int done;
            do
            {
                done = await RewrapBatchAsync(dataSource, table, keys, serializer);
                rewrapped += done;
                task.Increment(done);
            } while (done > 0);
            task.Value = task.MaxValue;
        });
        AnsiConsole.WriteLine($"Rewrapped {rewrapped} key(s); every key is now wrapped under master key {keys.CurrentMasterKeyId}.");
        return true;
    }

    /// <summary>Keys per master key id; "" for keys stored before keys were wrapped.</summary>
    private static async Task<Dictionary<string, long>> CountsAsync(NpgsqlDataSource dataSource, string table)
    {
        await using var command = dataSource.CreateCommand($"select coalesce(data ->> 'masterKeyId', ''), count(*) from {table} group by 1 order by 1");
        await using var reader = await command.ExecuteReaderAsync();
        var counts = new Dictionary<string, long>();
        while (await reader.ReadAsync()) counts[reader.GetString(0)] = reader.GetInt64(1);
        return counts;
    }

    /// <summary>
    /// Rewraps up to <see cref="BatchSize"/> keys not under the current master key, in one transaction; how many. An update
    /// never inserts, so a key erased meanwhile stays erased.
    /// </summary>
    private static async Task<int> RewrapBatchAsync(NpgsqlDataSource dataSource, string table, PersonalDataKeys keys, ISerializer serializer)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var batch = new List<(string Tenant, PersonalDataKey Key)>();
        await using (var select = new NpgsqlCommand(
            $"select tenant_id, data from {table} where data ->> 'masterKeyId' is distinct from $1 order by tenant_id, id limit {BatchSize} for update",
            connection, transaction) { Parameters = { new() { Value = keys.CurrentMasterKeyId } } })
        await using (var reader = await select.ExecuteReaderAsync())
            while (await reader.ReadAsync())
                batch.Add((reader.GetString(0), serializer.FromJson<PersonalDataKey>(reader, 1)));

        foreach (var (tenant, key) in batch)
        {
            await using var update = new NpgsqlCommand(
                $"update {table} set data = $1::jsonb, mt_last_modified = transaction_timestamp() where tenant_id = $2 and id = $3", connection, transaction)
            {
                Parameters =
                {
                    new() { Value = serializer.ToJson(keys.Rewrapped(tenant, key)) },
                    new() { Value = tenant }, new() { Value = key.Id },
                },
            };
            await update.ExecuteNonQueryAsync();
        }
        await transaction.CommitAsync();
        return batch.Count;
    }
}
