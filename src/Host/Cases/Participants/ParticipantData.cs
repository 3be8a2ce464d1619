using Participation.Domain.Cases;
using Participation.Host.Privacy;
using Participation.Projections.Cases;

namespace Participation.Host.Cases.Participants;

/// <summary>
/// Everything a case holds about one participant (AVG art. 15): their own fields, the contact moments, strengths and
/// connections they are named in, the agreements they are party to and their measurements. Texts about them are revealed as
/// every other answer reveals them: after an erasure they read erased, and <see cref="Erased"/> says so. <see cref="ProcessingLog"/>
/// holds the processing log's records about them (who processed their data when, ADR 32), oldest first.
/// </summary>
public sealed record ParticipantData(
    Guid CaseId, CaseDomain Domain, Neighbourhood Neighbourhood, bool Erased, ParticipantDetails Participant,
    IReadOnlyList<ContactDetailsView> ContactMoments, IReadOnlyList<StrengthDetails> Strengths, IReadOnlyList<ConnectionDetails> Connections,
    IReadOnlyList<AgreementDetails> Agreements, IReadOnlyList<MeasurementDetails> Measurements, IReadOnlyList<ProcessingRecord> ProcessingLog)
{
    public static ParticipantData? Of(CaseDetails details, Guid participantId) =>
        details.Participants.Find(p => p.ParticipantId == participantId) is not { } participant
            ? null
            : new ParticipantData(details.Id, details.Domain, details.Neighbourhood, participant.ErasedAt is not null, participant,
                details.Contacts.Where(c => c.ParticipantIds.Contains(participantId)).ToList(),
                details.Strengths.Where(s => s.ParticipantId == participantId).ToList(),
                details.Connections.Where(c => c.ParticipantIds.Contains(participantId)).ToList(),
                details.Agreements.Where(a => a.Parties.Contains(participantId)).ToList(),
                details.Measurements.Where(m => m.ParticipantId == participantId).ToList(), []);

    /// <summary>The same as lines of their own, for <c>?format=ndjson</c>: the participant first, then each item with its kind.</summary>
    public IEnumerable<ParticipantDataLine> Lines()
    {
        yield return new ParticipantDataLine("participant", this with { ContactMoments = [], Strengths = [], Connections = [], Agreements = [], Measurements = [], ProcessingLog = [] });
        foreach (var item in ContactMoments) yield return new ParticipantDataLine("contactMoment", item);
        foreach (var item in Strengths) yield return new ParticipantDataLine("strength", item);
        foreach (var item in Connections) yield return new ParticipantDataLine("connection", item);
        foreach (var item in Agreements) yield return new ParticipantDataLine("agreement", item);
        foreach (var item in Measurements) yield return new ParticipantDataLine("measurement", item);
        foreach (var item in ProcessingLog) yield return new ParticipantDataLine("processingRecord", item);
    }
}

/// <summary>One line of the NDJSON download: what kind of item it is, and the item.</summary>
public sealed record ParticipantDataLine(string Type, object Item);
