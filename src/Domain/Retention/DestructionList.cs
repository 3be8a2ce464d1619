using System.Collections.Immutable;

namespace Participation.Domain.Retention;

public enum DestructionStatus { Proposed, Destroying, Destroyed }

public enum DestructionItemStatus { Proposed, Excluded, Kept, Destroyed }

/// <summary>One case on a list as the decisions see it.</summary>
public sealed record ListedCase(DestructionItem Item, DestructionItemStatus Status = DestructionItemStatus.Proposed, string? Reason = null,
    string? ExcludedBy = null, DateTimeOffset? ExcludedAt = null, DateTimeOffset? DestroyedAt = null);

/// <summary>The state a destruction list's decisions need, folded from its stream.</summary>
public sealed record DestructionList
{
    public Guid Id { get; init; }
    public long Version { get; set; }
    public DestructionStatus Status { get; init; }
    public string Author { get; init; } = "";
    public DateTimeOffset ProposedAt { get; init; }
    public string? Approver { get; init; }
    public DateTimeOffset? ApprovedAt { get; init; }
    public DateTimeOffset? CompletedAt { get; init; }
    public ImmutableList<ListedCase> Cases { get; init; } = ImmutableList<ListedCase>.Empty;

    /// <summary>The cases still to destroy once approved, in the list's order.</summary>
    public IEnumerable<DestructionItem> Pending => Cases.Where(c => c.Status == DestructionItemStatus.Proposed).Select(c => c.Item);

    public static DestructionList Evolve(DestructionList? state, object e) => e switch
    {
        DestructionListProposed p => new DestructionList
        {
            Id = p.ListId, Status = DestructionStatus.Proposed, Author = p.ProposedBy, ProposedAt = p.ProposedAt, Cases = p.Items.Select(i => new ListedCase(i)).ToImmutableList(),
        },
        DestructionItemExcluded x => Required(state).With(x.CaseId, c => c with
        {
            Status = DestructionItemStatus.Excluded, Reason = x.Reason, ExcludedBy = x.ExcludedBy, ExcludedAt = x.ExcludedAt,
        }),
        DestructionItemKept k => Required(state).With(k.CaseId, c => c with { Status = DestructionItemStatus.Kept, Reason = k.Reason }),
        CaseDestroyed d => Required(state).With(d.CaseId, c => c with { Status = DestructionItemStatus.Destroyed, DestroyedAt = d.DestroyedAt }),
        DestructionListApproved a => Required(state) with { Status = DestructionStatus.Destroying, Approver = a.ApprovedBy, ApprovedAt = a.ApprovedAt },
        DestructionListCompleted c => Required(state) with { Status = DestructionStatus.Destroyed, CompletedAt = c.CompletedAt },
        _ => throw new InvalidOperationException($"A destruction list does not know {e.GetType().Name}."),
    };

    private DestructionList With(Guid caseId, Func<ListedCase, ListedCase> change)
    {
        var index = Cases.FindIndex(c => c.Item.CaseId == caseId);
        return index < 0 ? this : this with { Cases = Cases.SetItem(index, change(Cases[index])) };
    }

    private static DestructionList Required(DestructionList? state) =>
        state ?? throw new InvalidOperationException("A destruction list's stream starts with its proposal.");
}
