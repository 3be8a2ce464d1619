using Participation.Domain.Cases;
using Participation.Domain.Cases.Measuring;

namespace Participation.Projections.Insights;

/// <summary>
/// What the published figures need to know of one case, folded from its events (<see cref="InsightsProjection"/>), and
/// the cells it adds to its neighbourhood's figures now (<see cref="Cells"/>), so the next change is applied as a difference.
/// The cells are stored packed (quarter, key code and count in turn): a case adds a few hundred, and a rebuild reads and
/// writes every case's document again and again.
/// The measurements are held opened (levels and shares, keyed by participant id, no names): the figures need their values
/// and an erased participant's key is gone by the time their erasure is applied here. They leave with the person's erasure.
/// </summary>
public sealed class CaseInsights
{
    public Guid Id { get; set; }
    public long Version { get; set; }
    public CaseDomain Domain { get; set; }
    public Neighbourhood Neighbourhood { get; set; } = new("", "", "");
    public List<OpenSpell> Open { get; set; } = [];
    public List<InsightParticipant> Participants { get; set; } = [];
    public List<DateTimeOffset> Connections { get; set; } = [];
    public List<InsightAgreement> Agreements { get; set; } = [];
    public List<InsightMeasurement> Measurements { get; set; } = [];
    public long[] PackedCells { get; set; } = [];

    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyList<InsightCell> Cells
    {
        get => InsightCell.Unpack(PackedCells);
        set => PackedCells = InsightCell.Pack(value);
    }

    public InsightParticipant? Participant(Guid id) => Participants.Find(p => p.Id == id);
}

/// <summary>A stretch of time the case was open; <see cref="Until"/> is null while it still is.</summary>
public sealed record OpenSpell(DateTimeOffset From, DateTimeOffset? Until);

public sealed record InsightParticipant(Guid Id, ParticipantRole Role, DateTimeOffset JoinedAt, DateTimeOffset? LeftAt = null);

public sealed record InsightAgreement(Guid Id, DateTimeOffset MadeAt, bool ByResidents, AgreementStatus Status);

public sealed record InsightMeasurement(Guid Id, Guid ParticipantId, DateOnly MeasuredOn, IReadOnlyList<DomainScore> Scores);
