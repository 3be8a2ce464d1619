using Marten;
using Npgsql;
using NpgsqlTypes;

namespace Participation.Host.Operations.Rebuilds;

/// <summary>
/// A fresh copy of a document table (same columns, defaults and indexes) that a rebuild fills by binary COPY on a connection
/// of its own, and that then takes the old table's place and the names of the indexes it was built from (<see cref="SwapAsync"/>; Marten compares the
/// names at its next schema check). Marten's duplicated fields are copied with each row, read from the document as Marten
/// reads them when it writes one (<see cref="DuplicatedColumn"/>).
/// </summary>
public sealed class TableCopy : IAsyncDisposable
{
    private static readonly string[] Copied = ["tenant_id", "id", "data", "mt_dotnet_type", "mt_version"];
    private static readonly string[] Defaulted = ["mt_last_modified"];

    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlBinaryImporter _copy;
    private readonly IReadOnlyList<DuplicatedColumn> _duplicated;
    private readonly bool _guidVersions;
    // The fresh table's index names and the live one's each takes at the swap, known once the indexes are built.
    private readonly List<(string Fresh, string Live)> _indexes = [];

    private TableCopy(NpgsqlConnection connection, NpgsqlBinaryImporter copy, string schema, string name, IReadOnlyList<DuplicatedColumn> duplicated,
        bool guidVersions)
    {
        (_connection, _copy, _duplicated, _guidVersions) = (connection, copy, duplicated, guidVersions);
        (Schema, Name) = (schema, name);
    }

    public string Schema { get; }
    public string Name { get; }
    private string Next => FreshName(Name);

    private static string FreshName(string name) => $"{name}_rebuilt";

    public static async Task<TableCopy> StartAsync(IDocumentStore store, NpgsqlDataSource dataSource, Type document, CancellationToken cancellation)
    {
        var mapping = store.Options.FindOrResolveDocumentType(document);
        var (schema, name) = (mapping.TableName.Schema, mapping.TableName.Name);
        var connection = await dataSource.OpenConnectionAsync(cancellation);
        try
        {
            var duplicated = mapping.DuplicatedFields.Select(DuplicatedColumn.Of).ToList();
            var versionType = await ColumnsAsync(connection, schema, name, duplicated.Select(d => d.Name), cancellation);
            // The indexes come after the rows: building one over the copied table is faster than keeping it during the copy.
            await ExecuteAsync(connection, $"drop table if exists {schema}.{FreshName(name)}; " +
                $"create table {schema}.{FreshName(name)} (like {schema}.{name} including all excluding indexes)", cancellation);
            var copy = await connection.BeginBinaryImportAsync(CopyStatement(schema, name, duplicated), cancellation);
            return new TableCopy(connection, copy, schema, name, duplicated, versionType == "uuid");
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>A document's row: its tenant, id, the document and its JSON, and its revision.</summary>
    public sealed record Row(string Tenant, Guid Id, object Document, string Json, long Revision);

    public Task WriteAsync(Row row, CancellationToken cancellation) => WriteAsync(_copy, row, cancellation);

    /// <summary>Replaces the rows of the same ids (a stream folded again), on <paramref name="connection"/> (a transaction's, maybe).</summary>
    public async Task ReplaceAsync(NpgsqlConnection connection, IReadOnlyList<Row> rows, CancellationToken cancellation)
    {
        await using (var delete = new NpgsqlCommand(
                         $"delete from {Schema}.{Next} as t using unnest($1::varchar[], $2::uuid[]) as r(tenant_id, id) where t.tenant_id = r.tenant_id and t.id = r.id",
                         connection)
                     {
                         CommandTimeout = 0, Parameters = { new() { Value = rows.Select(r => r.Tenant).ToArray() }, new() { Value = rows.Select(r => r.Id).ToArray() } },
                     })
            await delete.ExecuteNonQueryAsync(cancellation);
        await using var copy = await connection.BeginBinaryImportAsync(CopyStatement(Schema, Name, _duplicated), cancellation);
        foreach (var row in rows) await WriteAsync(copy, row, cancellation);
        await copy.CompleteAsync(cancellation);
    }

    /// <summary>Removes the rows of the cases given: the case's own (its id) and its entries (their <c>case_id</c>, where the table has one).</summary>
    public async Task RemoveCasesAsync(NpgsqlConnection connection, IReadOnlyList<(string Tenant, Guid Case)> cases, CancellationToken cancellation)
    {
        var byCase = _duplicated.Any(d => d.Name == CaseIdColumn) ? $" or t.{CaseIdColumn} = c.id" : "";
        await using var delete = new NpgsqlCommand(
            $"delete from {Schema}.{Next} as t using unnest($1::varchar[], $2::uuid[]) as c(tenant_id, id) where t.tenant_id = c.tenant_id and (t.id = c.id{byCase})",
            connection)
        {
            CommandTimeout = 0, Parameters = { new() { Value = cases.Select(c => c.Tenant).ToArray() }, new() { Value = cases.Select(c => c.Case).ToArray() } },
        };
        await delete.ExecuteNonQueryAsync(cancellation);
    }

    private const string CaseIdColumn = "case_id";

    private static string CopyStatement(string schema, string name, IEnumerable<DuplicatedColumn> duplicated) =>
        $"copy {schema}.{FreshName(name)} ({string.Join(", ", Copied.Concat(duplicated.Select(d => d.Name)))}) from stdin (format binary)";

    /// <summary>
    /// One document's row. Its version is the revision given where the table keeps numeric revisions, and a new id where it
    /// keeps Marten's default versions (a new one for every write).
    /// </summary>
    private async Task WriteAsync(NpgsqlBinaryImporter copy, Row row, CancellationToken cancellation)
    {
        await copy.StartRowAsync(cancellation);
        await copy.WriteAsync(row.Tenant, NpgsqlDbType.Varchar, cancellation);
        await copy.WriteAsync(row.Id, NpgsqlDbType.Uuid, cancellation);
        await copy.WriteAsync(row.Json, NpgsqlDbType.Jsonb, cancellation);
        await copy.WriteAsync(row.Document.GetType().FullName!, NpgsqlDbType.Varchar, cancellation);
        if (_guidVersions) await copy.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid, cancellation);
        else await copy.WriteAsync(row.Revision, NpgsqlDbType.Bigint, cancellation);
        foreach (var column in _duplicated)
        {
            if (column.ValueOf(row.Document) is { } value) await copy.WriteAsync(value, column.Type, cancellation);
            else await copy.WriteNullAsync(cancellation);
        }
    }

    /// <summary>Ends the copy and builds the live table's indexes (and primary key) over the fresh one, under names of their own until the swap.</summary>
    public async Task CompleteAsync(CancellationToken cancellation)
    {
        await _copy.CompleteAsync(cancellation);
        await _copy.DisposeAsync();
        var indexes = new List<(string Name, string Definition, bool PrimaryKey)>();
        await using (var command = new NpgsqlCommand("""
            select i.relname::text, pg_get_indexdef(i.oid), c.oid is not null from pg_index as x join pg_class as i on i.oid = x.indexrelid
            left join pg_constraint as c on c.conindid = x.indexrelid and c.contype = 'p'
            where x.indrelid = $1::regclass
            """, _connection) { Parameters = { new() { Value = $"{Schema}.{Name}" } } })
        await using (var reader = await command.ExecuteReaderAsync(cancellation))
        {
            while (await reader.ReadAsync(cancellation)) indexes.Add((reader.GetString(0), reader.GetString(1), reader.GetBoolean(2)));
        }
        await ExecuteAsync(_connection, "set maintenance_work_mem = '512MB'", cancellation);
        foreach (var (index, definition, primaryKey) in indexes)
        {
            var fresh = FreshName(index.Length > 52 ? index[..52] : index);
            _indexes.Add((fresh, index));
            await ExecuteAsync(_connection, definition.Replace($" INDEX {index} ON {Schema}.{Name} ", $" INDEX {fresh} ON {Schema}.{Next} "), cancellation);
            if (primaryKey) await ExecuteAsync(_connection, $"alter table {Schema}.{Next} add constraint {fresh} primary key using index {fresh}", cancellation);
        }
        // The planner's statistics, which the live table has and a fresh one would otherwise lack until autovacuum came by.
        await ExecuteAsync(_connection, $"analyze {Schema}.{Next}", cancellation);
    }

    /// <summary>
    /// Every fresh table takes its old one's place, in one transaction that waits for the commands using the old tables, holds
    /// new ones meanwhile, and brings the fresh tables up to what those commands wrote (<paramref name="catchUp"/>) first. A
    /// command holds the tables it has written until it commits and may then want one this transaction holds: rather than
    /// wait into a deadlock, the locks are asked for with a short timeout, growing with each try, and the transaction starts
    /// over when they do not come.
    /// </summary>
    public static async Task SwapAsync(IReadOnlyCollection<TableCopy> tables, Func<NpgsqlConnection, Task> catchUp, CancellationToken cancellation)
    {
        var connection = tables.First()._connection;
        for (var attempt = 0; ; attempt++)
        {
            await using var swap = await connection.BeginTransactionAsync(cancellation);
            try
            {
                // The fresh tables too: autovacuum may be analysing one (it gives way to a lock that waits for it, after a while).
                await ExecuteAsync(connection, $"set local lock_timeout = '{Math.Min(20 << Math.Min(attempt, 8), 5_000)}ms'; " +
                    $"lock table {string.Join(", ", tables.SelectMany(t => new[] { $"{t.Schema}.{t.Name}", $"{t.Schema}.{t.Next}" }))} in access exclusive mode; " +
                    "set local lock_timeout = 0", cancellation);
            }
            catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.LockNotAvailable or PostgresErrorCodes.DeadlockDetected && attempt < 30)
            {
                await swap.RollbackAsync(cancellation);
                await Task.Delay(Random.Shared.Next(5, 50), cancellation);
                continue;
            }
            await catchUp(connection);
            var statements = tables.SelectMany(table => new[]
                {
                    $"drop table {table.Schema}.{table.Name}", $"alter table {table.Schema}.{table.Next} rename to {table.Name}",
                }.Concat(table._indexes.Select(index => $"alter index {table.Schema}.\"{index.Fresh}\" rename to \"{index.Live}\"")));
            await ExecuteAsync(connection, string.Join("; ", statements), cancellation);
            await swap.CommitAsync(cancellation);
            return;
        }
    }

    /// <summary>Drops the fresh tables of a rebuild that did not complete, on a connection of its own.</summary>
    public static async Task DropFreshAsync(NpgsqlDataSource dataSource, IEnumerable<TableCopy> tables)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        foreach (var table in tables) await ExecuteAsync(connection, $"drop table if exists {table.Schema}.{table.Next}", CancellationToken.None);
    }

    private static async Task<string> ColumnsAsync(NpgsqlConnection connection, string schema, string table, IEnumerable<string> duplicated,
        CancellationToken cancellation)
    {
        await using var command = new NpgsqlCommand(
            "select column_name::text, data_type::text from information_schema.columns where table_schema = $1 and table_name = $2", connection)
        {
            Parameters = { new() { Value = schema }, new() { Value = table } },
        };
        var columns = new Dictionary<string, string>();
        await using (var reader = await command.ExecuteReaderAsync(cancellation))
            while (await reader.ReadAsync(cancellation)) columns[reader.GetString(0)] = reader.GetString(1);
        var known = Copied.Concat(Defaulted).Concat(duplicated).ToHashSet();
        if (columns.Keys.Except(known).ToList() is { Count: > 0 } unknown)
            throw new InvalidOperationException($"{schema}.{table} has columns a folded rebuild does not write ({string.Join(", ", unknown)}).");
        return columns["mt_version"];
    }

    /// <summary>A statement of the rebuild, without the time limit of a command's (building an index over a city's rows takes minutes).</summary>
    public static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellation)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync(cancellation);
    }

    public async ValueTask DisposeAsync()
    {
        await _copy.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
