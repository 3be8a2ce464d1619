using System.Runtime.CompilerServices;
using Marten;
using Npgsql;
using Participation.Host.Http;

namespace Participation.Host.Privacy;

/// <summary>Reads the tenant's records: a page with its total, every match streamed, or everything about one person.</summary>
public sealed class ProcessingLogQueries(IDocumentStore store, ProcessingLogWriter writer)
{
    private const string Columns =
        "trace_id, span_id, parent_span_id, name, start_time, end_time, status, user_name, case_id, data_subject_id, processing_activity_id";

    public async Task<ProcessingLogPage> PageAsync(string tenant, ProcessingLogQuery query, Paging paging, CancellationToken cancellation)
    {
        var values = new List<object>();
        var where = query.Where(tenant, values);
        await using var batch = (await store.DataSourceAsync(tenant)).CreateBatch();
        batch.BatchCommands.Add(With(new NpgsqlBatchCommand($"select count(*) from {writer.Table} {where}"), values));
        batch.BatchCommands.Add(With(new NpgsqlBatchCommand(
            $"select {Columns} from {writer.Table} {where} order by start_time desc, id desc limit {paging.Size} offset {paging.Skip}"), values));

        await using var reader = await batch.ExecuteReaderAsync(cancellation);
        await reader.ReadAsync(cancellation);
        var total = reader.GetInt64(0);
        await reader.NextResultAsync(cancellation);
        var items = new List<ProcessingRecord>();
        while (await reader.ReadAsync(cancellation)) items.Add(Read(reader));
        return new ProcessingLogPage(items, paging.Page, paging.Size, total);
    }

    /// <summary>Every matching record, oldest first, read as it is sent.</summary>
    public async IAsyncEnumerable<ProcessingRecord> StreamAsync(string tenant, ProcessingLogQuery query, [EnumeratorCancellation] CancellationToken cancellation)
    {
        var values = new List<object>();
        await using var command = (await store.DataSourceAsync(tenant)).CreateCommand($"select {Columns} from {writer.Table} {query.Where(tenant, values)} order by start_time, id");
        foreach (var value in values) command.Parameters.Add(new NpgsqlParameter { Value = value });
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation)) yield return Read(reader);
    }

    /// <summary>Everything the log holds about one participant of one case (the right of access), oldest first.</summary>
    public async Task<IReadOnlyList<ProcessingRecord>> AboutAsync(string tenant, Guid caseId, Guid dataSubjectId, CancellationToken cancellation)
    {
        var records = new List<ProcessingRecord>();
        await foreach (var record in StreamAsync(tenant, new ProcessingLogQuery(dataSubjectId, caseId, null, null, null), cancellation)) records.Add(record);
        return records;
    }

    private static NpgsqlBatchCommand With(NpgsqlBatchCommand command, List<object> values)
    {
        foreach (var value in values) command.Parameters.Add(new NpgsqlParameter { Value = value });
        return command;
    }

    private static ProcessingRecord Read(NpgsqlDataReader r) => new(
        r.GetString(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2), r.GetString(3), r.GetFieldValue<DateTimeOffset>(4),
        r.GetFieldValue<DateTimeOffset>(5), r.GetString(6), r.IsDBNull(7) ? null : r.GetString(7), r.IsDBNull(8) ? null : r.GetGuid(8), r.GetGuid(9),
        r.GetString(10));
}
