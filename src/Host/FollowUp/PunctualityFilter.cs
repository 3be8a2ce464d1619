using Marten;
using Marten.Linq.MatchesSql;
using Participation.Domain.FollowUp;
using Participation.Projections.Cases;
using Participation.Projections.FollowUp;

namespace Participation.Host.FollowUp;

/// <summary>
/// The case list's <c>punctuality</c> filter: cases whose latest deadline stands so at a moment, read from the follow-up
/// documents' due columns. On time is every case without a passed deadline (closed ones included; filter by status for open ones).
/// </summary>
public static class PunctualityFilter
{
    public static IQueryable<CaseSummary> Apply(IQueryable<CaseSummary> cases, IQuerySession session, Participation.Domain.FollowUp.Punctuality punctuality, DateTimeOffset now)
    {
        var table = session.DocumentStore.Options.FindOrResolveDocumentType(typeof(CaseFollowUp)).TableName.QualifiedName;
        var late = $"select f.id from {table} as f where f.tenant_id = ? and f.earliest_due_at <= ?";
        return punctuality switch
        {
            Participation.Domain.FollowUp.Punctuality.OnTime => cases.Where(x => x.MatchesSql($"d.id not in ({late})", session.TenantId, now)),
            Participation.Domain.FollowUp.Punctuality.Late => cases.Where(x => x.MatchesSql($"d.id in ({late} and f.earliest_late_three_times_at > ?)", session.TenantId, now, now)),
            _ => cases.Where(x => x.MatchesSql($"d.id in ({late} and f.earliest_late_three_times_at <= ?)", session.TenantId, now, now)),
        };
    }
}
