using Participation.Domain.Cases;

namespace Participation.Domain.Retention;

/// <summary>
/// What the figures need of a destroyed case, none of it personal: its progress (where and what it was, how it ended, its
/// time in each phase), the cells it added to the insights figures, and its reach in each network it was connected to
/// (participants as the moments they were connected, agreements without their texts).
/// </summary>
public sealed record KeptFigures(KeptProgress? Progress, KeptInsights? Insights, IReadOnlyList<KeptConnection> Networks)
{
    public static readonly KeptFigures None = new(null, null, []);
}

public sealed record KeptProgress(Neighbourhood Neighbourhood, CasePhase Phase, CaseOutcome? Outcome, DateTimeOffset OpenedAt, DateTimeOffset? ClosedAt,
    IReadOnlyList<KeptSpell> Spells);

public sealed record KeptSpell(CasePhase Phase, DateTimeOffset From, DateTimeOffset? Until);

/// <summary>The case's cells of the insights figures, packed as the projection keeps them (quarter, key code, count in turn).</summary>
public sealed record KeptInsights(Neighbourhood Neighbourhood, long[] Cells);

public sealed record KeptConnection(Guid NetworkId, DateTimeOffset ConnectedAt, DateTimeOffset LastConnectedAt, int Connections,
    IReadOnlyList<DateTimeOffset> ParticipantsConnectedAt, Neighbourhood Neighbourhood, CasePhase Phase, CaseStatus Status, DateTimeOffset LastActivityAt,
    IReadOnlyList<KeptAgreement> Agreements);

public sealed record KeptAgreement(AgreementStatus Status, DateTimeOffset MadeAt, DateOnly? DueOn, DateTimeOffset? SettledAt);

/// <summary>
/// The ids that stand in for a destroyed case where its figures still count it (a network's connected cases, the first case of
/// a neighbourhood's name): derived from the list and the case, the same in a live run and a rebuild, and not the case's id.
/// </summary>
public static class DestroyedIds
{
    public static Guid Case(Guid listId, Guid caseId) => NameBasedIds.Of(listId, "case:" + caseId.ToString("N"));

    public static Guid Participant(Guid listId, Guid caseId, int index) => NameBasedIds.Of(listId, $"participant:{caseId:N}:{index}");
}
