using Marten;
using Npgsql;

namespace Participation.Host.Privacy;

/// <summary>
/// Writes the records of one request: all its data subjects in one multi-row insert (<c>unnest</c> of two arrays, the rest
/// of the record as single parameters), the same statement text every time so each connection prepares it once (ADR 21).
/// A read's records go in a statement of their own before its answer is written (on <see cref="ProcessingLogDataSource"/>);
/// a write's are queued in the write's own session, so they commit or fail with its events (ADR 32).
/// </summary>
public sealed class ProcessingLogWriter(ProcessingLogDataSource connections, IDocumentStore store, ProcessingLogHealth health, ILogger<ProcessingLogWriter> log)
{
    public const string Ok = "ok";
    public const string Error = "error";

    private readonly string _table = $"{store.Options.Events.DatabaseSchemaName}.{ProcessingLogTable.Name}";

    public string Table => _table;

    // A record's columns: first those of the request (RecordValues, in this order), then its case and data subject.
    private const string Columns = "tenant_id, trace_id, span_id, parent_span_id, name, start_time, end_time, status, user_name, processing_activity_id, case_id, data_subject_id";

    private string Insert(Func<int, string> parameter) => Insert(_table, parameter);

    private static string Insert(string table, Func<int, string> parameter) =>
        $"""
         insert into {table} ({Columns})
         select {parameter(1)}, {parameter(2)}, {parameter(3)}, {parameter(4)}, {parameter(5)}, {parameter(6)}, {parameter(7)}, {parameter(8)}, {parameter(9)}, {parameter(10)},
                nullif(r.case_id, '00000000-0000-0000-0000-000000000000'::uuid), r.subject
         from unnest({parameter(11)}::uuid[], {parameter(12)}::uuid[]) as r(case_id, subject)
         """;

    private string? _readInsert;

    /// <summary>Stores a read's records now, before its answer is sent; a failure is logged, counted, and thrown as <see cref="ProcessingLogNotStored"/>.</summary>
    public async Task StoreAsync(ProcessingContext context, IReadOnlyList<(Guid Subject, Guid? Case)> subjects, DateTimeOffset end, CancellationToken cancellation)
    {
        try
        {
            await using var command = (await connections.ForAsync(context.Tenant)).CreateCommand(_readInsert ??= Insert(i => "$" + i));
            foreach (var value in Values(context, subjects, end, Ok)) command.Parameters.Add(new NpgsqlParameter { Value = value });
            await command.ExecuteNonQueryAsync(cancellation);
            health.Stored(subjects.Count, "read");
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellation.IsCancellationRequested)
        {
            throw Refused(e, context, $" ({subjects.Count} data subjects)");
        }
    }

    /// <summary>
    /// Stores the records of a read of one whole case, of every participant of it who still has a key (whose data its answer
    /// opens), straight from the tables, so it can run beside the read instead of after it; returns them.
    /// </summary>
    public async Task<IReadOnlyList<Guid>> StoreCaseReadAsync(ProcessingContext context, Guid caseId, DateTimeOffset end, CancellationToken cancellation)
    {
        try
        {
            await using var command = (await connections.ForAsync(context.Tenant)).CreateCommand(_caseInsert ??= CaseInsert());
            foreach (var value in RecordValues(context, end, Ok)) command.Parameters.Add(new NpgsqlParameter { Value = value });
            command.Parameters.Add(new NpgsqlParameter { Value = caseId });
            var subjects = new List<Guid>();
            await using (var reader = await command.ExecuteReaderAsync(cancellation))
                while (await reader.ReadAsync(cancellation)) subjects.Add(reader.GetGuid(0));
            health.Stored(subjects.Count, "read");
            return subjects;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellation.IsCancellationRequested)
        {
            throw Refused(e, context, "");
        }
    }

    /// <summary>A read's records could not be stored: counted, logged (the operation, no data), and its answer refused.</summary>
    private ProcessingLogNotStored Refused(Exception e, ProcessingContext context, string subjects)
    {
        health.Failed();
        log.LogError(e, "The processing log could not store the records of {Operation}{Subjects}; the answer is refused with 503", context.Name, subjects);
        return new ProcessingLogNotStored(e);
    }

    private string? _caseInsert;

    // The case's participants as its read model lists them, those of them with a key (CaseParticipantKeysPlan reads the same).
    private string CaseInsert()
    {
        var keys = store.Options.FindOrResolveDocumentType(typeof(PersonalDataKey)).TableName.QualifiedName;
        var entries = store.Options.FindOrResolveDocumentType(typeof(Participation.Projections.Cases.CaseParticipantEntry));
        return $"""
                insert into {_table} ({Columns})
                select $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, k.id from {keys} as k
                where k.tenant_id = $1 and k.id in (select (p.data -> 'item' ->> 'participantId')::uuid from {entries.TableName.QualifiedName} as p
                                                    where p.tenant_id = $1 and p.{entries.DuplicatedFields.Single().ColumnName} = $11)
                returning data_subject_id
                """;
    }

    /// <summary>Queues a write's records in its session: they commit in its transaction, or neither does.</summary>
    public static void Queue(IDocumentOperations session, ProcessingContext context, IReadOnlyList<(Guid Subject, Guid? Case)> subjects, DateTimeOffset end) =>
        session.QueueSqlCommand(Insert($"{session.DocumentStore.Options.Events.DatabaseSchemaName}.{ProcessingLogTable.Name}", _ => "?"),
            Values(context, subjects, end, Ok));

    /// <summary>Sets the status of a request's records that were stored before the request failed; best effort, a failure is logged.</summary>
    public async Task MarkFailedAsync(ProcessingContext context, DateTimeOffset end)
    {
        try
        {
            await using var command = (await connections.ForAsync(context.Tenant)).CreateCommand(
                $"update {_table} set status = '{Error}', end_time = $4 where tenant_id = $1 and trace_id = $2 and span_id = $3");
            command.Parameters.Add(new NpgsqlParameter { Value = context.Tenant });
            command.Parameters.Add(new NpgsqlParameter { Value = context.TraceId });
            command.Parameters.Add(new NpgsqlParameter { Value = context.SpanId });
            command.Parameters.Add(new NpgsqlParameter { Value = end });
            await command.ExecuteNonQueryAsync();
        }
        catch (Exception e)
        {
            health.Failed();
            log.LogError(e, "The processing log could not mark the records of a failed {Operation} as failed", context.Name);
        }
    }

    private static object[] Values(ProcessingContext context, IReadOnlyList<(Guid Subject, Guid? Case)> subjects, DateTimeOffset end, string status) =>
    [
        .. RecordValues(context, end, status),
        subjects.Select(s => s.Case ?? Guid.Empty).ToArray(), subjects.Select(s => s.Subject).ToArray(),
    ];

    private static object[] RecordValues(ProcessingContext context, DateTimeOffset end, string status) =>
    [
        context.Tenant, context.TraceId, context.SpanId, (object?)context.ParentSpanId ?? DBNull.Value, context.Name, context.Start, end, status,
        (object?)context.User ?? DBNull.Value, context.Activity,
    ];
}

/// <summary>A read's records could not be stored: its answer is not sent (503).</summary>
public sealed class ProcessingLogNotStored(Exception inner) : Exception("The processing log could not store this request's records.", inner);
