using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Participation.Domain.Retention;
using Participation.Host.Http;
using Participation.Host.Security;
using Wolverine.Http;

namespace Participation.Host.Retention.Reading;

public static class DestructionReportEndpoint
{
    public static readonly string[] Columns =
    [
        "listId", "caseId", "domain", "neighbourhoodCode", "neighbourhoodName", "district", "closedAt", "outcome", "retentionEndedOn",
        "status", "reason", "destroyedAt", "author", "proposedAt", "approver", "approvedAt", "completedAt",
    ];

    /// <summary>
    /// The declaration of destruction (verklaring van vernietiging), RFC 4180 CSV in UTF-8 with a byte-order mark: per case on
    /// the list its non-personal facts and what became of it, with the list, its author, its approver and the times. Kept for
    /// good: it is read from the list's own stream, which a destruction never touches.
    /// </summary>
    [EndpointSummary("The declaration of destruction of a list (CSV)")]
    [WolverineGet(DestructionRoutes.List + "/report", OperationId = "GetDestructionReport"), Authorize(Policy = Policies.Audit), NoStore]
    [ProducesResponseType(typeof(string), StatusCodes.Status200OK, "text/csv")]
    public static async Task<IResult> Get(Guid listId, IQuerySession session, CancellationToken cancellation)
    {
        var list = await session.LoadAsync<DestructionList>(listId, cancellation) ?? throw new ResourceNotFound($"There is no destruction list {listId}.");
        var csv = new System.Text.StringBuilder(Csv.Record(Columns));
        foreach (var c in list.Cases)
        {
            var item = c.Item;
            csv.Append(Csv.Record(list.Id.ToString(), item.CaseId.ToString(), ApiEnum.Name(item.Domain), Csv.Text(item.Neighbourhood.Code),
                Csv.Text(item.Neighbourhood.Name), Csv.Text(item.Neighbourhood.District), Csv.Time(item.ClosedAt),
                item.Outcome is { } outcome ? ApiEnum.Name(outcome) : null, item.RetentionEndedOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                ApiEnum.Name(c.Status), Csv.Text(c.Reason), c.DestroyedAt is { } at ? Csv.Time(at) : null, Csv.Text(list.Author), Csv.Time(list.ProposedAt),
                Csv.Text(list.Approver), list.ApprovedAt is { } approved ? Csv.Time(approved) : null,
                list.CompletedAt is { } completed ? Csv.Time(completed) : null));
        }
        return Results.Bytes([.. Csv.Utf8Bom, .. Csv.Encoding.GetBytes(csv.ToString())], Csv.ContentType,
            $"destruction-{list.Id}.csv");
    }
}
