using Marten;
using Microsoft.AspNetCore.Authorization;
using Participation.Domain.Cases;
using Participation.Domain.Retention;
using Participation.Host.Http;
using Participation.Host.Security;
using Wolverine.Http;

namespace Participation.Host.Retention.Excluding;

/// <summary>Why a case is kept off the list (required, at most 2,000 characters).</summary>
public sealed record ExcludeCase(string Reason)
{
    public void Validate()
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(Reason)) errors["reason"] = ["is required: say why the case is kept"];
        else if (Reason.Length > DestructionRules.MaxReasonLength) errors["reason"] = [$"must be at most {DestructionRules.MaxReasonLength} characters"];
        else if (CommandValidation.HasForbiddenCharacters(Reason)) errors["reason"] = [CommandValidation.ForbiddenCharacters];
        if (errors.Count > 0) throw new InvalidCommand(errors);
    }
}

public static class ExcludeCaseEndpoint
{
    /// <summary>Keeps one case of a proposed list, with the reason; excluding it again changes nothing.</summary>
    [EndpointSummary("Exclude a case from a proposed destruction list, with a reason")]
    [WolverinePost(DestructionRoutes.List + "/items/{caseId:id}/exclude", OperationId = "ExcludeFromDestructionList"), Authorize(Policy = Policies.Administer)]
    public static async Task<DestructionListView> Post(Guid listId, Guid caseId, ExcludeCase command, IDocumentSession session, HttpContext http, TimeProvider clock,
        CancellationToken cancellation)
    {
        command.Validate();
        var stream = await session.Events.FetchForWriting<DestructionList>(listId, cancellation);
        var list = stream.Aggregate ?? throw new ResourceNotFound($"There is no destruction list {listId}.");
        var events = DestructionRules.Exclude(list, caseId, command.Reason.Trim(), http.User.UserName(), clock.GetUtcNow()).ToList();
        stream.AppendMany(events);
        return DestructionListView.Of(events.Aggregate(list, (state, e) => DestructionList.Evolve(state, e) with { Version = state.Version + 1 }));
    }
}
