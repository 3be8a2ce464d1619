using JasperFx.Events;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Participation.Host.Infrastructure;
using Participation.Host.Security;
using Wolverine.Http;

namespace Participation.Host.Cases.History;

/// <summary>One stored event as auditors see it; <c>type</c> is the stable stored event name.</summary>
public sealed record HistoryEntry(
    long Version, long Sequence, string Type, DateTimeOffset Timestamp, string? User,
    string? CorrelationId, string? CausationId, object Data)
{
    public static HistoryEntry From(IEvent e) =>
        new(e.Version, e.Sequence, e.EventTypeName, e.Timestamp, e.UserName, e.CorrelationId, e.CausationId, e.Data);
}

public static class GetHistoryEndpoint
{
    [WolverineGet(CaseCommands.CaseRoute + "/history", OperationId = "GetCaseHistory"), Authorize(Policy = Policies.Audit)]
    public static async Task<IReadOnlyList<HistoryEntry>> Get(Guid caseId, IQuerySession session, CancellationToken cancellation)
    {
        var events = await session.Events.FetchStreamAsync(caseId, token: cancellation);
        if (events.Count == 0) throw new ResourceNotFound($"There is no case {caseId}.");
        return events.Select(HistoryEntry.From).ToList();
    }
}
