using JasperFx.CommandLine;
using Marten;
using Npgsql;
using Spectre.Console;

namespace Participation.Host.Privacy;

// Lower case, as typed on the command line (JasperFx matches enum arguments by exact name).
public enum PrivacyAction { status, rewrap }

public sealed class PrivacyInput : NetCoreInput
{
    [Description("status (the default) counts the wrapped secrets under each master key; rewrap moves every one to the current master key")]
    public PrivacyAction Action { get; set; } = PrivacyAction.status;
}

/// <summary>
/// The operator's side of master key rotation (ADR 13): configure the new master key first in <c>Privacy:MasterKeys</c>
/// with the old one after it, run <c>privacy rewrap</c>, then drop the old key. Rewrapping changes only the documents
/// holding wrapped secrets (participants' keys, webhook secrets: every <see cref="WrappedSecretKind"/>), batch by batch,
/// never an event; secrets stored before secrets were wrapped are wrapped by it too.
/// </summary>
[Description("Counts the wrapped secrets per master key, or rewraps them all under the current master key", Name = "privacy")]
public sealed class PrivacyCommand : JasperFxAsyncCommand<PrivacyInput>
{
    private const int BatchSize = 500;
    private const string Unwrapped = "(not wrapped)";

    public PrivacyCommand()
    {
        Usage("Count the wrapped secrets under each master key");
        Usage("Count them, or rewrap them all under the current master key").Arguments(x => x.Action);
    }

    public override async Task<bool> Execute(PrivacyInput input)
    {
        using var host = input.BuildHost();
        var store = host.Services.GetRequiredService<IDocumentStore>();
        var ring = host.Services.GetRequiredService<MasterKeyRing>();
        var dataSource = host.Services.GetRequiredService<NpgsqlDataSource>();
        var kinds = host.Services.GetServices<WrappedSecretKind>()
            .Select(kind => new Stored(kind, store.Options.FindOrResolveDocumentType(kind.DocumentType).TableName.QualifiedName)).ToList();

        var summary = new Table().AddColumns("secret", "master key", "count");
        var toRewrap = 0L;
        var unknown = new HashSet<string>();
        foreach (var stored in kinds)
            foreach (var (id, count) in await CountsAsync(dataSource, stored))
            {
                summary.AddRow(Markup.Escape(stored.Kind.Purpose), Markup.Escape(id.Length == 0 ? Unwrapped : id), count.ToString());
                if (id != ring.CurrentId) toRewrap += count;
                if (id.Length > 0 && !ring.Holds(id)) unknown.Add(id);
            }
        AnsiConsole.Write(summary);
        if (unknown.Count > 0)
        {
            AnsiConsole.MarkupLine($"[red]Secrets are wrapped under master keys this configuration lacks: {Markup.Escape(string.Join(", ", unknown))}. " +
                                   "Add them to Privacy:MasterKeys (after the current one).[/]");
            return false;
        }
        if (input.Action == PrivacyAction.status) return true;

        var rewrapped = 0L;
        await AnsiConsole.Progress().StartAsync(async progress =>
        {
            var task = progress.AddTask($"Rewrapping under master key {Markup.Escape(ring.CurrentId)}", maxValue: Math.Max(toRewrap, 1));
            foreach (var stored in kinds)
            {
                int done;
                do
                {
                    done = await RewrapBatchAsync(dataSource, stored, ring);
                    rewrapped += done;
                    task.Increment(done);
                } while (done > 0);
            }
            task.Value = task.MaxValue;
        });
        AnsiConsole.WriteLine($"Rewrapped {rewrapped} secret(s); every one is now wrapped under master key {ring.CurrentId}.");
        return true;
    }

    private sealed record Stored(WrappedSecretKind Kind, string Table)
    {
        public string MasterKeyId => $"data -> '{Kind.Property}' ->> 'masterKeyId'";
        public string Wrapped => $"data -> '{Kind.Property}' ->> 'wrapped'";
        public string Unwrapped => $"data ->> '{Kind.UnwrappedProperty}'";
    }

    /// <summary>Secrets per master key id; "" for those stored before secrets were wrapped.</summary>
    private static async Task<List<(string Id, long Count)>> CountsAsync(NpgsqlDataSource dataSource, Stored stored)
    {
        await using var command = dataSource.CreateCommand(
            $"select coalesce({stored.MasterKeyId}, ''), count(*) from {stored.Table} where {stored.Wrapped} is not null or {stored.Unwrapped} is not null group by 1 order by 1");
        await using var reader = await command.ExecuteReaderAsync();
        var counts = new List<(string, long)>();
        while (await reader.ReadAsync()) counts.Add((reader.GetString(0), reader.GetInt64(1)));
        return counts;
    }

    /// <summary>
    /// Rewraps up to <see cref="BatchSize"/> secrets not under the current master key, in one transaction, rows locked; how
    /// many. An update never inserts, so a key erased meanwhile stays erased.
    /// </summary>
    private static async Task<int> RewrapBatchAsync(NpgsqlDataSource dataSource, Stored stored, MasterKeyRing ring)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var batch = new List<(string Tenant, Guid Id, byte[] Secret)>();
        await using (var select = new NpgsqlCommand(
            $"select tenant_id, id, {stored.MasterKeyId}, {stored.Wrapped}, {stored.Unwrapped} from {stored.Table} " +
            $"where coalesce({stored.MasterKeyId}, '') <> $1 and ({stored.Wrapped} is not null or {stored.Unwrapped} is not null) " +
            $"order by tenant_id, id limit {BatchSize} for update",
            connection, transaction) { Parameters = { new() { Value = ring.CurrentId } } })
        await using (var reader = await select.ExecuteReaderAsync())
            while (await reader.ReadAsync())
            {
                var (tenant, id) = (reader.GetString(0), reader.GetGuid(1));
                var secret = reader.IsDBNull(3)
                    ? stored.Kind.UnwrappedBytes(reader.GetString(4))
                    : ring.Unwrap(new WrappedSecret(reader.GetString(2), Convert.FromBase64String(reader.GetString(3))), stored.Kind.Purpose, tenant, id);
                batch.Add((tenant, id, secret));
            }

        foreach (var (tenant, id, secret) in batch)
        {
            var wrapped = ring.Wrap(secret, stored.Kind.Purpose, tenant, id);
            await using var update = new NpgsqlCommand(
                $"update {stored.Table} set data = (data - '{stored.Kind.UnwrappedProperty}') || jsonb_build_object('{stored.Kind.Property}', " +
                "jsonb_build_object('masterKeyId', $1::text, 'wrapped', $2::text)), mt_last_modified = transaction_timestamp() where tenant_id = $3 and id = $4",
                connection, transaction)
            {
                Parameters =
                {
                    new() { Value = wrapped.MasterKeyId }, new() { Value = Convert.ToBase64String(wrapped.Wrapped) },
                    new() { Value = tenant }, new() { Value = id },
                },
            };
            await update.ExecuteNonQueryAsync();
        }
        await transaction.CommitAsync();
        return batch.Count;
    }
}
