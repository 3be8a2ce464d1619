using Participation.Domain.Cases;
using Participation.Domain.Cases.Measuring;

namespace Participation.Projections.Insights;

/// <summary>
/// How a case's events change its <see cref="CaseInsights"/>, for <see cref="InsightsProjection"/>, which calls
/// <see cref="CaseStreamProjection{TDoc}.Apply"/> directly (the projection Marten runs is that one, over whole pages). A
/// measurement's scores are personal data: the projection opens them first, and the fold takes them opened.
/// </summary>
public sealed class CaseInsightsFold : CaseStreamProjection<CaseInsights>
{
    public CaseInsightsFold()
    {
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
        // Declared so the projection is handed them; their scores come opened (see Measure).
        On<MeasurementRecorded>((_, _) => { });
        On<ParticipantErased>((insights, erased) => insights.Measurements.RemoveAll(m => m.ParticipantId == erased.ParticipantId));
    }

    protected override void Applied(CaseInsights insights, ICaseEvent e, long version) => insights.Version = version;

    /// <summary>A measurement's opened scores join the case's; none (the person is erased) leaves nothing to count.</summary>
    public static void Measure(CaseInsights insights, MeasurementRecorded recorded, IReadOnlyList<DomainScore> scores)
    {
        if (scores.Count > 0) insights.Measurements.Add(new InsightMeasurement(recorded.MeasurementId, recorded.ParticipantId, recorded.MeasuredOn, scores));
    }

    private static void Settle(CaseInsights insights, Guid agreementId, AgreementStatus status)
    {
        var index = insights.Agreements.FindIndex(a => a.Id == agreementId);
        if (index >= 0) insights.Agreements[index] = insights.Agreements[index] with { Status = status };
    }
}
