using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Participation.Domain.Cases;
using Participation.Domain.Retention;
using Participation.Host.Security;
using Participation.Projections.Progress;
using Wolverine.Http;

namespace Participation.Host.Retention.Proposing;

public static class ProposeDestructionListEndpoint
{
    /// <summary>
    /// A new list of every closed case of the tenant whose retention period has passed by the clock, except those on a list
    /// still open (proposed or destroying). Nothing due: a 409 problem (<c>nothing-due</c>), and no list.
    /// </summary>
    [EndpointSummary("Propose a destruction list of the closed cases whose retention period has passed")]
    [WolverinePost(DestructionRoutes.Lists, OperationId = "ProposeDestructionList"), Authorize(Policy = Policies.Administer)]
    [ProducesResponseType(typeof(DestructionListView), StatusCodes.Status201Created)]
    public static async Task<IResult> Post(IDocumentSession session, HttpContext http, TimeProvider clock, IOptions<RetentionOptions> options,
        CancellationToken cancellation)
    {
        var now = clock.GetUtcNow();
        var onOpenLists = (await session.Query<DestructionList>().Where(l => l.Status != DestructionStatus.Destroyed).ToListAsync(cancellation))
            .SelectMany(l => l.Pending).Select(i => i.CaseId).ToHashSet();
        var closed = new List<ClosedCase>();
        foreach (var domain in Enum.GetValues<CaseDomain>())
        {
            // The progress read model has when and how each case closed; the earliest moment still due bounds the query.
            var cutoff = LatestClosingDue(options.Value.PeriodOf(domain), now);
            var due = await session.Query<CaseProgress>()
                .Where(p => p.Domain == domain && p.Status == CaseStatus.Closed && p.ClosedAt <= cutoff)
                .ToListAsync(cancellation);
            closed.AddRange(due.Where(p => !onOpenLists.Contains(p.Id))
                .Select(p => new ClosedCase(p.Id, p.Domain, p.Neighbourhood, p.ClosedAt!.Value, p.Outcome)));
        }
        var items = DestructionRules.Due(closed, options.Value.PeriodOf, now);
        if (items.Count == 0) throw new DestructionRuleViolated(DestructionRules.NothingDue, "No closed case of the tenant has passed its retention period (or each is on an open list already).");

        var listId = Guid.CreateVersion7();
        var proposed = new DestructionListProposed(listId, items, http.User.UserName(), now);
        session.Events.StartStream<DestructionList>(listId, proposed);
        var view = DestructionListView.Of(DestructionList.Evolve(null, proposed) with { Version = 1 });
        return Results.Created($"{DestructionRoutes.Lists}/{listId}", view);
    }

    /// <summary>The latest closing moment whose period has passed at <paramref name="now"/> (periods in years and months vary by calendar: a day's slack, checked exactly afterwards).</summary>
    private static DateTimeOffset LatestClosingDue(RetentionPeriod period, DateTimeOffset now) =>
        now.AddDays(-period.Days).AddMonths(-period.Months).AddYears(-period.Years).AddDays(1);
}
