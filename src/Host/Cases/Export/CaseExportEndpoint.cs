using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Participation.Host.Http;
using Participation.Host.Cases.Reading;
using Participation.Host.Security;
using Participation.Projections.Cases;
using Wolverine.Http;

namespace Participation.Host.Cases.Export;

public static class CaseExportEndpoint
{
    public static readonly string[] Columns =
    [
        "id", "title", "domain", "phase", "status", "outcome", "owner", "neighbourhoodCode", "neighbourhoodName", "district",
        "openedAt", "lastActivityAt", "activeParticipants", "contactMoments", "version",
    ];

    /// <summary>
    /// Every case matching the list's filters (domain, phase, status, neighbourhood, owner, q) in the list's
    /// sort order, unpaged, as RFC 4180 CSV in UTF-8 with a byte-order mark (so Excel keeps "ë"), streamed.
    /// </summary>
    [EndpointSummary("The case list as CSV (same filters as the list)")]
    [WolverineGet("/api/cases/export.csv", OperationId = "ExportCases"), Authorize(Policy = Policies.TrackProgress), Export, NoStore]
    [ProducesResponseType(typeof(string), StatusCodes.Status200OK, "text/csv")]
    public static async Task Get(IQuerySession session, HttpContext http, string? domain, string? phase, string? status,
        string? neighbourhood, string? owner, string? q, string? sort, CancellationToken cancellation)
    {
        var query = CaseListQuery.Parse(domain, phase, status, neighbourhood, owner, q, page: null, pageSize: null, sort);
        http.Response.ContentType = Csv.ContentType;
        http.Response.Headers.ContentDisposition = "attachment; filename=\"cases.csv\"";

        await http.Response.Body.WriteAsync(Csv.Utf8Bom, cancellation);
        await using var writer = new StreamWriter(http.Response.Body, Csv.Encoding, bufferSize: 16 * 1024, leaveOpen: true);
        await writer.WriteAsync(Csv.Record(Columns));
        await foreach (var c in query.Apply(session).ToAsyncEnumerable(cancellation))
        {
            await writer.WriteAsync(Csv.Record(
                c.Id.ToString(), Csv.Text(c.Title), ApiEnum.Name(c.Domain), ApiEnum.Name(c.Phase), ApiEnum.Name(c.Status),
                c.Outcome is { } outcome ? ApiEnum.Name(outcome) : null, Csv.Text(c.Owner), Csv.Text(c.Neighbourhood.Code),
                Csv.Text(c.Neighbourhood.Name), Csv.Text(c.Neighbourhood.District), Csv.Time(c.OpenedAt), Csv.Time(c.LastActivityAt),
                Csv.Number(c.ActiveParticipants), Csv.Number(c.ContactMoments), Csv.Number(c.Version)));
        }
        await writer.FlushAsync(cancellation);
    }
}
