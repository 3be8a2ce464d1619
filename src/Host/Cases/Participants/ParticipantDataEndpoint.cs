using System.Buffers;
using System.Text.Json;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Participation.Domain.Cases;
using Participation.Host.Http;
using Participation.Host.Privacy;
using Participation.Host.Security;
using Participation.Projections.Cases;
using Wolverine.Http;

namespace Participation.Host.Cases.Participants;

public static class ParticipantDataEndpoint
{
    public const string NdjsonType = "application/x-ndjson";

    /// <summary>
    /// Everything the case holds about one participant (AVG art. 15, the right of access): their fields, the contact moments,
    /// strengths and connections that name them, the agreements they are party to, their measurements, and the processing log's
    /// records about them (who processed their data when; ids only); `?format=ndjson`
    /// for a download, one item a line. After an erasure `erased` is true and nothing personal is left to read.
    /// </summary>
    [EndpointSummary("Everything the case holds about one participant (right of access)")]
    [WolverineGet(CaseRoutes.Case + "/participants/{participantId:id}/data", OperationId = "GetParticipantData"), Authorize(Policy = Policies.Administer), NoStore]
    [ProducesResponseType(typeof(ParticipantData), StatusCodes.Status200OK, "application/json", NdjsonType)]
    public static async Task Get(Guid caseId, Guid participantId, string? format, IQuerySession session, IDocumentStore store,
        PersonalDataRevealer personalData, ProcessingLogQueries processingLog, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, HttpContext http, CancellationToken cancellation)
    {
        var ndjson = QueryParameters.Blank(format) switch
        {
            null or "json" => false,
            "ndjson" => true,
            _ => throw new InvalidCommand(new Dictionary<string, string[]> { ["format"] = ["must be json or ndjson"] }),
        };
        var batch = session.CreateBatchQuery();
        var stored = batch.QueryByPlan(new CaseDetailsPlan(caseId, session.TenantId));
        var keys = batch.QueryByPlan(CaseParticipantKeysPlan.For(http, store));
        await batch.Execute(cancellation);
        var details = (await stored ?? throw new ResourceNotFound($"There is no case {caseId}.")).AsRead(session.TenantId);
        var data = ParticipantData.Of(details, participantId) ?? throw new ResourceNotFound($"Case {caseId} has no participant {participantId}.");
        data = data with { ProcessingLog = await processingLog.AboutAsync(session.TenantId, caseId, participantId, cancellation) };

        if (!ndjson)
        {
            await (await personalData.RevealAsync(data, session, await keys, [participantId], cancellation)).ExecuteAsync(http);
            return;
        }
        http.Response.ContentType = NdjsonType;
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"participant-{participantId}.ndjson\"";
        var body = http.Response.BodyWriter;
        using var reader = personalData.ReaderFor(session);
        foreach (var line in data.Lines())
        {
            var bytes = new ReadOnlySequence<byte>(JsonSerializer.SerializeToUtf8Bytes(line, json.Value.SerializerOptions));
            await PersonalDataRevealer.WriteAsync(bytes, await reader.OpenAsync(bytes, cancellation), body, cancellation);
            body.Write("\n"u8);
        }
        await body.FlushAsync(cancellation);
    }
}
