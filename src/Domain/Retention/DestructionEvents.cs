using Participation.Domain.Cases;

namespace Participation.Domain.Retention;

/// <summary>A fact in the stream of one destruction list: who proposed, excluded, approved, and what was destroyed.</summary>
public interface IDestructionEvent;

/// <summary>One case on a list: its non-personal facts, which the declaration of destruction keeps for good.</summary>
public sealed record DestructionItem(Guid CaseId, CaseDomain Domain, Neighbourhood Neighbourhood, DateTimeOffset ClosedAt, CaseOutcome? Outcome,
    DateOnly RetentionEndedOn);

public sealed record DestructionListProposed(Guid ListId, IReadOnlyList<DestructionItem> Items, string ProposedBy, DateTimeOffset ProposedAt) : IDestructionEvent;

/// <summary>A case taken off the list by a person, with the reason it is kept.</summary>
public sealed record DestructionItemExcluded(Guid CaseId, string Reason, string ExcludedBy, DateTimeOffset ExcludedAt) : IDestructionEvent;

public sealed record DestructionListApproved(string ApprovedBy, DateTimeOffset ApprovedAt) : IDestructionEvent;

/// <summary>
/// A case the destruction found no longer due when its turn came (reopened since the list was proposed): it is kept, and
/// the list says why.
/// </summary>
public sealed record DestructionItemKept(Guid CaseId, string Reason, DateTimeOffset KeptAt) : IDestructionEvent;

/// <summary>
/// One case destroyed: its events, read models, keys and waiting notifications are gone, in the transaction that appends
/// this. It keeps the non-personal facts the figures need (<see cref="KeptFigures"/>), so a rebuild of the figures after the
/// destruction, when the case's own events no longer exist, gives what it gave before. <see cref="LastVersion"/> is the
/// version its stream had reached.
/// </summary>
public sealed record CaseDestroyed(Guid ListId, Guid CaseId, CaseDomain Domain, long LastVersion, string DestroyedBy, DateTimeOffset DestroyedAt, KeptFigures Figures)
    : IDestructionEvent;

/// <summary>The list's work is done: every case on it is destroyed, excluded or kept.</summary>
public sealed record DestructionListCompleted(DateTimeOffset CompletedAt) : IDestructionEvent;

/// <summary>The stored names of the destruction list's events (stable: renaming a class never changes stored data).</summary>
public static class DestructionEventTypes
{
    public const string Destroyed = "case_destroyed";

    public static readonly IReadOnlyList<(Type Type, string Name)> All =
    [
        (typeof(DestructionListProposed), "destruction_list_proposed"),
        (typeof(DestructionItemExcluded), "destruction_item_excluded"),
        (typeof(DestructionListApproved), "destruction_list_approved"),
        (typeof(DestructionItemKept), "destruction_item_kept"),
        (typeof(CaseDestroyed), Destroyed),
        (typeof(DestructionListCompleted), "destruction_list_completed"),
    ];
}
