using Marten;
using Microsoft.AspNetCore.Authorization;
using Participation.Domain.Cases;
using Participation.Domain.Retention;
using Participation.Host.Http;
using Participation.Host.Security;
using Wolverine.Http;

namespace Participation.Host.Retention.Reading;

public static class DestructionListEndpoints
{
    public const int DefaultPageSize = 20, MaxPageSize = 100;

    /// <summary>The tenant's destruction lists, newest first, each whole.</summary>
    [EndpointSummary("The destruction lists, newest first")]
    [WolverineGet(DestructionRoutes.Lists, OperationId = "ListDestructionLists"), Authorize(Policy = Policies.Audit)]
    public static async Task<DestructionListPage> GetAll(int? page, int? pageSize, IQuerySession session, CancellationToken cancellation)
    {
        var errors = new Dictionary<string, string[]>();
        var paging = Paging.From(page, pageSize, DefaultPageSize, MaxPageSize, errors);
        if (errors.Count > 0) throw new InvalidCommand(errors);
        var lists = await session.Query<DestructionList>().OrderByDescending(l => l.ProposedAt).ThenByDescending(l => l.Id)
            .Stats(out var stats).Skip(paging.Skip).Take(paging.Size).ToListAsync(cancellation);
        return new DestructionListPage(lists.Select(DestructionListView.Of).ToList(), paging.Page, paging.Size, stats.TotalResults);
    }

    /// <summary>One list: its author, approver, times, and per case its facts, what became of it and when it was destroyed.</summary>
    [EndpointSummary("One destruction list with its progress")]
    [WolverineGet(DestructionRoutes.List, OperationId = "GetDestructionList"), Authorize(Policy = Policies.Audit)]
    public static async Task<DestructionListView> Get(Guid listId, IQuerySession session, CancellationToken cancellation) =>
        DestructionListView.Of(await session.LoadAsync<DestructionList>(listId, cancellation)
                               ?? throw new ResourceNotFound($"There is no destruction list {listId}."));
}
