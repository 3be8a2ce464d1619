using Participation.Domain.Cases;
using Participation.Domain.Retention;

namespace Participation.Host.Retention;

/// <summary>A destruction list as the API answers it: who proposed and approved it when, and per case its facts and fate.</summary>
public sealed record DestructionListView(Guid Id, DestructionStatus Status, string Author, DateTimeOffset ProposedAt, string? Approver,
    DateTimeOffset? ApprovedAt, DateTimeOffset? DestroyedAt, int Destroyed, int Pending, IReadOnlyList<DestructionItemView> Items, long Version)
{
    public static DestructionListView Of(DestructionList list) => new(list.Id, list.Status, list.Author, list.ProposedAt, list.Approver, list.ApprovedAt,
        list.CompletedAt, list.Cases.Count(c => c.Status == DestructionItemStatus.Destroyed), list.Cases.Count(c => c.Status == DestructionItemStatus.Proposed),
        list.Cases.Select(DestructionItemView.Of).ToList(), list.Version);
}

public sealed record DestructionItemView(Guid CaseId, CaseDomain Domain, Neighbourhood Neighbourhood, DateTimeOffset ClosedAt, CaseOutcome? Outcome,
    DateOnly RetentionEndedOn, DestructionItemStatus Status, string? Reason, string? ExcludedBy, DateTimeOffset? ExcludedAt, DateTimeOffset? DestroyedAt)
{
    public static DestructionItemView Of(ListedCase c) => new(c.Item.CaseId, c.Item.Domain, c.Item.Neighbourhood, c.Item.ClosedAt, c.Item.Outcome,
        c.Item.RetentionEndedOn, c.Status, c.Reason, c.ExcludedBy, c.ExcludedAt, c.DestroyedAt);
}

public sealed record DestructionListPage(IReadOnlyList<DestructionListView> Items, int Page, int PageSize, long Total);
