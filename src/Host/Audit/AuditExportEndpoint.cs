using System.Buffers;
using System.Text.Json;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Participation.Host.Audit.History;
using Participation.Projections;
using Participation.Host.Http;
using Participation.Host.Privacy;
using Participation.Host.Security;
using Wolverine.Http;

namespace Participation.Host.Audit;

public static class AuditExportEndpoint
{
    public const string ContentType = "application/x-ndjson";

    /// <summary>
    /// The audit log as newline-delimited JSON, streamed from the database row by row, so memory
    /// stays flat however many events match.
    /// </summary>
    [EndpointSummary("The audit log as streamed NDJSON")]
    [WolverineGet("/api/audit/export", OperationId = "ExportAuditLog"), Authorize(Policy = Policies.Audit), Export, NoStore]
    public static async Task Get(IQuerySession session, PersonalDataRevealer personalData, ProcessingLogRecorder processingLog, HttpContext http, IOptions<JsonOptions> json, string? user, Guid? caseId,
        string? type, DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellation)
    {
        var query = AuditQuery.Parse(user, caseId, type, from, to);
        http.Response.ContentType = ContentType;
        http.Response.Headers.ContentDisposition = "attachment; filename=\"audit.ndjson\"";

        var body = http.Response.BodyWriter;
        using var reader = personalData.ReaderFor(session);
        var written = 0;
        await foreach (var e in query.Apply(session.Events.QueryPublishedEvents()).ToAsyncEnumerable(cancellation))
        {
            processingLog.AboutCaseOf(e);
            var line = new ReadOnlySequence<byte>(JsonSerializer.SerializeToUtf8Bytes(RecordedEvent.From(e), json.Value.SerializerOptions));
            await PersonalDataRevealer.WriteAsync(line, await reader.OpenAsync(line, cancellation), body, cancellation);
            body.Write("\n"u8);
            if (++written % 500 == 0) await body.FlushAsync(cancellation);
        }
        await body.FlushAsync(cancellation);
    }
}
