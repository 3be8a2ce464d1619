namespace Participation.Domain.Cases.Measuring;

/// <summary>A ZRM measurement of one resident-side participant: per life domain a level and the split of support.</summary>
public sealed record RecordMeasurement(Guid ParticipantId, MeasurementMoment Moment, DateOnly MeasuredOn, IReadOnlyList<DomainScore> Domains, string? Note = null)
{
    public const int MinLevel = 1, MaxLevel = 5;

    public IReadOnlyList<ICaseEvent> Decide(Case state, Guid measurementId, Stamp stamp)
    {
        var validation = new CommandValidation()
            .Check(ParticipantId != Guid.Empty, "participantId", "is required")
            .Defined("moment", Moment)
            .Check(MeasuredOn != default, "measuredOn", "is required")
            .Check(MeasuredOn <= DateOnly.FromDateTime(stamp.At.UtcDateTime.AddDays(1)), "measuredOn", "may not lie in the future")
            .Check(Domains is { Count: > 0 }, "domains", "needs at least one life domain")
            .Text("note", Note, CommandValidation.LongText, required: false);
        foreach (var (score, i) in (Domains ?? []).Select((s, i) => (s, i)))
        {
            var field = $"domains[{i}]";
            if (score is null) { validation.Check(false, field, "is required"); continue; }
            validation.Defined($"{field}.domain", score.Domain)
                .Check(score.Level is >= MinLevel and <= MaxLevel, $"{field}.level", $"must be {MinLevel} to {MaxLevel}")
                .Check(new[] { score.OwnShare, score.NetworkShare, score.ProfessionalShare }.All(s => s is >= 0 and <= 100), $"{field}.ownShare",
                    "shares must each be 0 to 100")
                .Check(score.OwnShare + score.NetworkShare + score.ProfessionalShare == 100, $"{field}.ownShare",
                    "ownShare, networkShare and professionalShare must add up to 100");
        }
        validation.Check(Domains is null || Domains.Where(s => s is not null).Select(s => s.Domain).Distinct().Count() == Domains.Count(s => s is not null),
            "domains", "may name each life domain once");
        validation.ThrowIfInvalid();
        state.EnsureOpen();
        state.EnsureActiveParticipants([ParticipantId]);
        if (!state.Participants[ParticipantId].Role.IsMeasured())
            throw new CaseRuleViolated(CaseRules.NotMeasurable, $"Participant {ParticipantId} is not a resident, parent or youth; only they are measured.");

        return [new MeasurementRecorded(measurementId, ParticipantId, Moment, MeasuredOn, MeasurementScores.Encode(Domains!),
            Note is null ? null : StructuredText.OfText(Note), stamp.By, stamp.At)];
    }
}
