using JasperFx.Events;
using Marten;
using Participation.Domain.Cases;
using Participation.Domain.FollowUp;
using Participation.Host.FollowUp;
using Participation.Host.Privacy;
using Wolverine;

namespace Participation.Host.Cases;

/// <summary>
/// The events a case command decided, appended to the case's stream with their personal data protected; the case's
/// follow-up deadlines and timer are written as they stand after them (<see cref="FollowUpSchedule"/>).
/// </summary>
public sealed record CaseEvents(IReadOnlyList<ICaseEvent> Events) : ISideEffect
{
    public async Task ExecuteAsync(IEventStream<Case> stream, IDocumentSession session, PersonalDataKeys keys, CaseParticipantKeys known,
        TenantNorms norms, TimeProvider clock, CancellationToken cancellation)
    {
        stream.AppendMany(await session.ProtectPersonalDataAsync(Events, keys, known, cancellation));
        if (Events.Count > 0 && stream.Aggregate is { } before)
            session.Schedule(Events.Aggregate(before, (state, e) => Case.Evolve(state, e)), norms, clock.GetUtcNow());
    }
}

/// <summary>The answer to a case command: the case's new version (also sent as <c>ETag</c>).</summary>
public sealed record CaseChanged(long Version)
{
    public static (CaseChanged, CaseEvents) After(Case state, IReadOnlyList<ICaseEvent> events) => (new(state.VersionAfter(events)), new(events));
}

public sealed record ParticipantAdded(Guid ParticipantId, long Version);

public sealed record ContactRecorded(Guid ContactId, long Version);

public sealed record StrengthAdded(Guid StrengthId, long Version);

public sealed record ConnectionAdded(Guid ConnectionId, long Version);

public sealed record AgreementAdded(Guid AgreementId, long Version);

public sealed record MeasurementAdded(Guid MeasurementId, long Version);

public static class CaseVersions
{
    /// <summary>The case's version once <paramref name="events"/> are appended.</summary>
    public static long VersionAfter(this Case state, IReadOnlyList<ICaseEvent> events) => state.Version + events.Count;
}
