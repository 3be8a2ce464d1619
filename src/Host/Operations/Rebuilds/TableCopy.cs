using Marten;
using Npgsql;

namespace Participation.Host.Operations.Rebuilds;

/// <summary>
/// A fresh copy of a document table (same columns, defaults and indexes) that a rebuild fills by binary COPY on a connection
/// of its own (<see cref="DocumentTable"/> writes the rows), and that then takes the old table's place and the names of the
/// indexes it was built from (<see cref="SwapAsync"/>; Marten compares the names at its next schema check).
/// </summary>
public sealed class TableCopy : IAsyncDisposable
{
    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlBinaryImporter _copy;
    // The fresh table's index names and the live one's each takes at the swap, known once the indexes are built.
    private readonly List<(string Fresh, string Live)> _indexes = [];

    private TableCopy(NpgsqlConnection connection, NpgsqlBinaryImporter copy, DocumentTable table) => (_connection, _copy, Table) = (connection, copy, table);

    /// <summary>The live table, whose rows this copy writes.</summary>
    public DocumentTable Table { get; }

    private string Schema => Table.Schema;
    private string Name => Table.Name;

    /// <summary>The fresh table's name until the swap.</summary>
    public string Next => FreshName(Name);

    private static string FreshName(string name) => $"{name}_rebuilt";

    public static async Task<TableCopy> StartAsync(IDocumentStore store, NpgsqlDataSource dataSource, Type document, CancellationToken cancellation)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellation);
        try
        {
            var table = await DocumentTable.ReadAsync(store, connection, document, cancellation);
            // The indexes come after the rows: building one over the copied table is faster than keeping it during the copy.
            await ExecuteAsync(connection, $"drop table if exists {table.Schema}.{FreshName(table.Name)}; " +
                $"create table {table.Schema}.{FreshName(table.Name)} (like {table.Schema}.{table.Name} including all excluding indexes)", cancellation);
            var copy = await connection.BeginBinaryImportAsync(table.CopyStatement(FreshName(table.Name)), cancellation);
            return new TableCopy(connection, copy, table);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public Task WriteAsync(DocumentTable.Row row, CancellationToken cancellation) => Table.WriteAsync(_copy, row, cancellation);

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
