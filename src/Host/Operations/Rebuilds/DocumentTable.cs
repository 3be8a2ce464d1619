using Marten;
using Npgsql;
using NpgsqlTypes;

namespace Participation.Host.Operations.Rebuilds;

/// <summary>
/// A Marten document table as a folded rebuild writes it: its columns (Marten's duplicated fields among them, read from the
/// document as Marten reads them when it writes one, <see cref="DuplicatedColumn"/>) and its kind of version. It writes rows
/// by binary COPY and removes a stream's rows into whichever table it is given: a fresh copy of itself being built
/// (<see cref="TableCopy"/>) or itself, where the rows of streams other nodes changed are folded again (ADR 39).
/// </summary>
public sealed class DocumentTable
{
    private static readonly string[] Copied = ["tenant_id", "id", "data", "mt_dotnet_type", "mt_version"];
    private static readonly string[] Defaulted = ["mt_last_modified"];
    private const string CaseIdColumn = "case_id";

    private readonly IReadOnlyList<DuplicatedColumn> _duplicated;
    private readonly bool _guidVersions;

    private DocumentTable(Type document, string schema, string name, IReadOnlyList<DuplicatedColumn> duplicated, bool guidVersions)
    {
        (Document, Schema, Name, _duplicated, _guidVersions) = (document, schema, name, duplicated, guidVersions);
    }

    public Type Document { get; }
    public string Schema { get; }
    public string Name { get; }

    /// <summary>A document's row: its tenant, id, the document and its JSON, and its revision.</summary>
    public sealed record Row(string Tenant, Guid Id, object Document, string Json, long Revision);

    /// <summary>The table of a document type as Marten maps it, refused if it has a column a fold would not write.</summary>
    public static async Task<DocumentTable> ReadAsync(IDocumentStore store, NpgsqlConnection connection, Type document, CancellationToken cancellation)
    {
        var mapping = store.Options.FindOrResolveDocumentType(document);
        var (schema, name) = (mapping.TableName.Schema, mapping.TableName.Name);
        var duplicated = mapping.DuplicatedFields.Select(DuplicatedColumn.Of).ToList();
        await using var command = new NpgsqlCommand(
            "select column_name::text, data_type::text from information_schema.columns where table_schema = $1 and table_name = $2", connection)
        {
            Parameters = { new() { Value = schema }, new() { Value = name } },
        };
        var columns = new Dictionary<string, string>();
        await using (var reader = await command.ExecuteReaderAsync(cancellation))
            while (await reader.ReadAsync(cancellation)) columns[reader.GetString(0)] = reader.GetString(1);
        if (columns.Count == 0) throw new InvalidOperationException($"{schema}.{name} does not exist.");
        var known = Copied.Concat(Defaulted).Concat(duplicated.Select(d => d.Name)).ToHashSet();
        if (columns.Keys.Except(known).ToList() is { Count: > 0 } unknown)
            throw new InvalidOperationException($"{schema}.{name} has columns a folded rebuild does not write ({string.Join(", ", unknown)}).");
        return new DocumentTable(document, schema, name, duplicated, columns["mt_version"] == "uuid");
    }

    /// <summary>The COPY statement into <paramref name="table"/> (this table or a fresh copy of it).</summary>
    public string CopyStatement(string table) =>
        $"copy {Schema}.{table} ({string.Join(", ", Copied.Concat(_duplicated.Select(d => d.Name)))}) from stdin (format binary)";

    /// <summary>
    /// One document's row. Its version is the revision given where the table keeps numeric revisions, and a new id where it
    /// keeps Marten's default versions (a new one for every write).
    /// </summary>
    public async Task WriteAsync(NpgsqlBinaryImporter copy, Row row, CancellationToken cancellation)
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

    /// <summary>
    /// Replaces in <paramref name="table"/> the rows of the streams given by the rows folded from them, on
    /// <paramref name="connection"/> (a transaction's, maybe).
    /// </summary>
    public async Task ReplaceAsync(NpgsqlConnection connection, string table, IReadOnlyCollection<(string Tenant, Guid Stream)> streams,
        IReadOnlyList<Row> rows, CancellationToken cancellation)
    {
        await RemoveAsync(connection, table, streams, cancellation);
        await using var copy = await connection.BeginBinaryImportAsync(CopyStatement(table), cancellation);
        foreach (var row in rows) await WriteAsync(copy, row, cancellation);
        await copy.CompleteAsync(cancellation);
    }

    /// <summary>Removes from <paramref name="table"/> the rows of the cases given: the case's own (its id) and its entries (their <c>case_id</c>, where the table has one).</summary>
    public async Task RemoveAsync(NpgsqlConnection connection, string table, IReadOnlyCollection<(string Tenant, Guid Case)> cases, CancellationToken cancellation)
    {
        if (cases.Count == 0) return;
        var byCase = _duplicated.Any(d => d.Name == CaseIdColumn) ? $" or t.{CaseIdColumn} = c.id" : "";
        await using var delete = new NpgsqlCommand(
            $"delete from {Schema}.{table} as t using unnest($1::varchar[], $2::uuid[]) as c(tenant_id, id) where t.tenant_id = c.tenant_id and (t.id = c.id{byCase})",
            connection)
        {
            CommandTimeout = 0, Parameters = { new() { Value = cases.Select(c => c.Tenant).ToArray() }, new() { Value = cases.Select(c => c.Case).ToArray() } },
        };
        await delete.ExecuteNonQueryAsync(cancellation);
    }
}
