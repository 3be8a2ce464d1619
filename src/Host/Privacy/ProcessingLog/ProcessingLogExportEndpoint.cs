using System.Buffers;
using System.Text.Json;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Participation.Host.Http;
using Participation.Host.Security;
using Wolverine.Http;

namespace Participation.Host.Privacy;

public static class ProcessingLogExportEndpoint
{
    public const string ContentType = "application/x-ndjson";

    /// <summary>The user who processed, and the case: our own attributes beside the standard's <c>dpl.core.*</c> ones.</summary>
    public const string UserField = "dpl.participation.user";
    public const string CaseField = "dpl.participation.case_id";

    /// <summary>
    /// The processing log as NDJSON, oldest first, with the field names of the Logboek Dataverwerkingen standard (`trace_id`,
    /// `span_id`, `parent_span_id`, `name`, `start_time`, `end_time`, `status`, `dpl.core.processing_activity_id`,
    /// `dpl.core.data_subject_id`) and ours for the user and the case (`dpl.participation.user`, `dpl.participation.case_id`);
    /// the same filters as the log.
    /// </summary>
    [EndpointSummary("The processing log as NDJSON with the LDV field names")]
    [WolverineGet(ProcessingLogRoutes.Export, OperationId = "ExportProcessingLog"), Authorize(Policy = Policies.Audit), Export, NoStore]
    [ProducesResponseType(typeof(string), StatusCodes.Status200OK, ContentType)]
    public static async Task Get(IQuerySession session, ProcessingLogQueries queries, HttpContext http, Guid? dataSubjectId, Guid? caseId, string? user,
        DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellation)
    {
        var query = ProcessingLogQuery.Parse(dataSubjectId, caseId, user, from, to);
        http.Response.ContentType = ContentType;
        http.Response.Headers.ContentDisposition = "attachment; filename=\"processing-log.ndjson\"";
        var body = http.Response.BodyWriter;
        var written = 0;
        await using (var json = new Utf8JsonWriter(body))
        {
            await foreach (var record in queries.StreamAsync(session.TenantId, query, cancellation))
            {
                Write(json, record);
                json.Flush();
                json.Reset();
                body.Write("\n"u8);
                if (++written % 500 == 0) await body.FlushAsync(cancellation);
            }
        }
        await body.FlushAsync(cancellation);
    }

    private static void Write(Utf8JsonWriter json, ProcessingRecord r)
    {
        json.WriteStartObject();
        json.WriteString("trace_id", r.TraceId);
        json.WriteString("span_id", r.SpanId);
        if (r.ParentSpanId is null) json.WriteNull("parent_span_id"); else json.WriteString("parent_span_id", r.ParentSpanId);
        json.WriteString("name", r.Name);
        json.WriteString("start_time", r.StartTime);
        json.WriteString("end_time", r.EndTime);
        json.WriteString("status", r.Status);
        json.WriteString("dpl.core.processing_activity_id", r.ProcessingActivityId);
        json.WriteString("dpl.core.data_subject_id", r.DataSubjectId);
        if (r.User is null) json.WriteNull(UserField); else json.WriteString(UserField, r.User);
        if (r.CaseId is null) json.WriteNull(CaseField); else json.WriteString(CaseField, r.CaseId.Value);
        json.WriteEndObject();
    }
}
