using Marten;
using Marten.Services.BatchQuerying;

namespace Participation.Projections.Cases;

/// <summary>
/// Reads a case's stored <see cref="CaseDetails"/> (its head and every list entry, ADR 18) as seven statements of one
/// batched query: on its own, or with other reads in the same round trip.
/// </summary>
public sealed class CaseDetailsPlan(Guid caseId, string tenant) : IBatchQueryPlan<CaseDetails?>
{
    public async Task<CaseDetails?> Fetch(IBatchedQuery batch)
    {
        var head = batch.Load<CaseDetailsHead>(caseId);
        var participants = batch.Query<CaseParticipantEntry>().Where(x => x.CaseId == caseId).ToList();
        var contacts = batch.Query<CaseContactEntry>().Where(x => x.CaseId == caseId).ToList();
        var strengths = batch.Query<CaseStrengthEntry>().Where(x => x.CaseId == caseId).ToList();
        var connections = batch.Query<CaseConnectionEntry>().Where(x => x.CaseId == caseId).ToList();
        var agreements = batch.Query<CaseAgreementEntry>().Where(x => x.CaseId == caseId).ToList();
        var measurements = batch.Query<CaseMeasurementEntry>().Where(x => x.CaseId == caseId).ToList();

        if (await head is not { } h) return null;
        return new CaseDetails
        {
            Id = h.Id, Domain = h.Domain, Neighbourhood = h.Neighbourhood, Title = h.Title, Description = h.Description, Goal = h.Goal,
            Phase = h.Phase, Status = h.Status, Owner = h.Owner, Outcome = h.Outcome, OutcomeSummary = h.OutcomeSummary,
            OpenedBy = h.OpenedBy, OpenedAt = h.OpenedAt, ClosedAt = h.ClosedAt, LastActivityAt = h.LastActivityAt, Version = h.Version,
            Participants = InOrder(await participants),
            Contacts = InOrder(await contacts),
            Strengths = InOrder(await strengths),
            Connections = InOrder(await connections),
            Agreements = InOrder(await agreements),
            Measurements = InOrder(await measurements),
        }.AsRead(tenant);
    }

    private static List<TItem> InOrder<TItem>(IEnumerable<CaseDetailsEntry<TItem>> entries) where TItem : class =>
        entries.OrderBy(e => e.Position).Select(e => e.Item).ToList();
}

public static class CaseDetailsReader
{
    /// <summary>The case's stored details in one round trip; null when there is no such case (for this tenant).</summary>
    public static async Task<CaseDetails?> LoadCaseDetailsAsync(this IQuerySession session, Guid caseId, CancellationToken token = default)
    {
        var batch = session.CreateBatchQuery();
        var details = batch.QueryByPlan(new CaseDetailsPlan(caseId, session.TenantId));
        await batch.Execute(token);
        return await details;
    }
}
