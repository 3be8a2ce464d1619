using JasperFx.Events;
using JasperFx.Events.Aggregation;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Participation.Domain.Cases;
using Participation.Domain.Cases.Measuring;

namespace Participation.Projections.Insights;

/// <summary>
/// Folds a case stream into its <see cref="CaseInsights"/> and queues, in the same batch, the change this makes to its
/// neighbourhood's figures (<see cref="InsightChanges"/>): the case's cells after less its cells before, as
/// <see cref="Progress.CaseProgressProjection"/> does for the dashboard. Run by the async daemon, in continuous runs and
/// rebuilds alike; an erased participant's measurements leave the figures with them.
/// </summary>
public sealed class CaseInsightsProjection : CaseStreamProjection<CaseInsights>
{
    public const string ProjectionName = "CaseInsights";

    private readonly IPersonalTexts _texts;

    public CaseInsightsProjection(IPersonalTexts texts)
    {
        _texts = texts;
        Name = ProjectionName;
        Opens(e => new CaseInsights { Id = e.CaseId, Domain = e.Domain, Neighbourhood = e.Neighbourhood, Open = [new OpenSpell(e.OpenedAt, null)] });
        On<ParticipantJoined>((insights, joined) => insights.Participants.Add(new InsightParticipant(joined.ParticipantId, joined.Role, joined.JoinedAt)));
        On<ParticipantLeft>((insights, left) =>
        {
            var index = insights.Participants.FindIndex(p => p.Id == left.ParticipantId);
            if (index >= 0) insights.Participants[index] = insights.Participants[index] with { LeftAt = left.LeftAt };
        });
        On<NetworkConnected>((insights, connected) => insights.Connections.Add(connected.ConnectedAt));
        On<AgreementMade>((insights, made) => insights.Agreements.Add(new InsightAgreement(made.AgreementId, made.MadeAt,
            made.Parties.All(p => insights.Participant(p)?.Role.IsResidentSide() == true), AgreementStatus.Open)));
        On<AgreementFulfilled>((insights, fulfilled) => Settle(insights, fulfilled.AgreementId, AgreementStatus.Fulfilled));
        On<AgreementBroken>((insights, broken) => Settle(insights, broken.AgreementId, AgreementStatus.Broken));
        On<CaseClosed>((insights, closed) =>
        {
            if (insights.Open is [.., { Until: null } open]) insights.Open[^1] = open with { Until = closed.ClosedAt };
        });
        On<CaseReopened>((insights, reopened) => insights.Open.Add(new OpenSpell(reopened.ReopenedAt, null)));
        // Declared so the daemon hands them over; their scores are opened in DetermineActionAsync, which has the session for the keys.
        On<MeasurementRecorded>((_, _) => { });
        On<ParticipantErased>((insights, erased) => insights.Measurements.RemoveAll(m => m.ParticipantId == erased.ParticipantId));
    }

    protected override void Applied(CaseInsights insights, ICaseEvent e, long version) => insights.Version = version;

    /// <summary>The schema of the figures table (<see cref="InsightProjections"/> sets it).</summary>
    public string Schema { get; init; } = "public";

    public override async ValueTask<(CaseInsights?, ActionType)> DetermineActionAsync(IQuerySession session, CaseInsights? snapshot, Guid identity,
        IIdentitySetter<CaseInsights, Guid> identitySetter, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        var before = snapshot?.Cells ?? [];
        var scores = await OpenScoresAsync(session, events, cancellation);
        var insights = snapshot;
        foreach (var e in events)
        {
            try
            {
                insights = Apply(insights, identity, e.Data, e.Version);
                if (e.Data is MeasurementRecorded recorded && insights is not null && scores.GetValueOrDefault(recorded.MeasurementId) is { Count: > 0 } opened)
                    insights.Measurements.Add(new InsightMeasurement(recorded.MeasurementId, recorded.ParticipantId, recorded.MeasuredOn, opened));
            }
            catch (Exception ex) when (!ProjectionExceptions.IsExceptionTransient(ex))
            {
                // As Marten's own fold reports it, so the daemon skips the event and says which (README: when a projection cannot apply an event).
                throw new ApplyEventException(e, ex);
            }
        }
        if (insights is null) return (null, ActionType.Nothing);
        insights.Cells = CaseContribution.Of(insights);
        if (session is IDocumentOperations operations)
        {
            var hood = insights.Neighbourhood;
            InsightChanges.Queue(operations, Schema, new InsightGroup(hood.District, hood.Code, insights.Domain.ToString()), hood.Name,
                InsightCell.Change(before, insights.Cells));
        }
        return (insights, ActionType.Store);
    }

    /// <summary>The scores of the slice's measurements, opened with their participants' keys in one go; none for an erased participant.</summary>
    private async Task<Dictionary<Guid, IReadOnlyList<DomainScore>>> OpenScoresAsync(IQuerySession session, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        var recorded = events.Select(e => e.Data).OfType<MeasurementRecorded>().ToList();
        if (recorded.Count == 0) return [];
        var opened = await _texts.OpenAsync(session, recorded.Select(m => m.Domains).ToList(), cancellation);
        return recorded.Zip(opened).ToDictionary(p => p.First.MeasurementId,
            p => p.Second is { } json ? MeasurementScores.Decode(StructuredText.Of(json)) : (IReadOnlyList<DomainScore>)[]);
    }

    private static void Settle(CaseInsights insights, Guid agreementId, AgreementStatus status)
    {
        var index = insights.Agreements.FindIndex(a => a.Id == agreementId);
        if (index >= 0) insights.Agreements[index] = insights.Agreements[index] with { Status = status };
    }
}
