using JasperFx.Events.Projections;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Participation.Domain.Cases;
using Participation.Projections;
using Participation.Host.Notifications.Delivery;
using Participation.Host.Security;
using Wolverine.Http;

namespace Participation.Host.Notifications.Feed;

public static class ChangeFeedEndpoint
{
    public const int MaxLimit = 1000;

    /// <summary>
    /// The tenant's events (its cases' and its networks') after <c>position</c>, in global order, as the same CloudEvents the webhooks carry. Only
    /// events below the daemon's high-water mark are served: a transaction still committing can never appear later
    /// behind a position a poller has already passed.
    /// </summary>
    [EndpointSummary("The change feed: the tenant's events after a position")]
    [WolverineGet("/api/events", OperationId = "GetChangeFeed"), Authorize(Policy = Policies.ReadCases)]
    [ProducesResponseType(typeof(System.Text.Json.JsonElement), StatusCodes.Status200OK, CloudEventFormat.BatchContentType)]
    public static async Task<IResult> Get(long? after, int? limit, IQuerySession session, CloudEventFormat format, CancellationToken cancellation)
    {
        var errors = new Dictionary<string, string[]>();
        if (after is < 0) errors["after"] = ["must be 0 or more"];
        if (limit is < 1 or > MaxLimit) errors["limit"] = [$"must be between 1 and {MaxLimit}"];
        if (errors.Count > 0) throw new InvalidCommand(errors);

        var from = after ?? 0;
        var safe = await session.Database.ProjectionProgressFor(ShardName.HighWaterMarkFor(), cancellation);
        var events = await session.Events.QueryNotifiedEvents()
            .Where(e => e.Sequence > from && e.Sequence <= safe).OrderBy(e => e.Sequence).Take(limit ?? 100).ToListAsync(cancellation);
        var domains = await NotificationFanOut.Domains(session, events, cancellation);
        var body = format.Batch(events.Select(e => NotificationFanOut.Of(e, domains)));
        return Results.Bytes(body.ToArray(), CloudEventFormat.BatchContentType);
    }
}
