using Participation.Domain.Cases;

namespace Participation.Projections.Insights;

/// <summary>
/// The figures of "Eigen Kracht in Beeld" kept per neighbourhood, programme domain and quarter. A <em>period</em> figure
/// counts what happened in its quarter; a <em>state</em> figure holds as of the end of its quarter and carries over into the
/// next ones until it changes (<see cref="FigureKeys.IsState"/>).
/// </summary>
public enum InsightFigure : byte
{
    /// <summary>Cases open at some moment of the quarter that were not open at its start.</summary>
    CasesEntered,
    /// <summary>Resident-side participants of an open case at some moment of the quarter, not at its start.</summary>
    ParticipantsEntered,
    Connections,
    /// <summary>Agreements made in the quarter; part: <see cref="FigureKeys.AgreementPart"/>.</summary>
    Agreements,
    /// <summary>Cases open at the start of the quarter (so open at the end of the one before).</summary>
    CasesAtStart,
    ParticipantsAtStart,
    /// <summary>Residents with at least two measurements.</summary>
    Measured,
    /// <summary>Per life domain, residents by the level of their first rating; part: the level.</summary>
    FirstLevel,
    LatestLevel,
    /// <summary>Per life domain, residents by how their latest level compares with their first; part: <see cref="LevelChange"/>.</summary>
    Change,
    /// <summary>Per life domain, residents by a share of support at their first rating; part: <see cref="FigureKeys.SharePart"/>.</summary>
    FirstShare,
    LatestShare,
}

public enum LevelChange : short { Improved, Same, Worse }

public enum SupportShare : short { Own, Network, Professional }

/// <summary>
/// One figure cell's key: a figure, the life domain it is about (-1 for none) and a part (a level, an outcome, a share).
/// Stored as one integer (<see cref="Code"/>), so nothing a user typed is ever part of it and it reads back unchanged.
/// </summary>
public readonly record struct FigureKey(InsightFigure Figure, sbyte LifeDomain = -1, short Part = 0)
{
    public int Code => (int)Figure << 24 | (LifeDomain + 1) << 16 | (ushort)Part;

    public static FigureKey FromCode(long code) => new((InsightFigure)(code >> 24), (sbyte)((code >> 16 & 0xff) - 1), (short)(code & 0xffff));
}

public static class FigureKeys
{
    public const int ShareValues = 101;

    public static bool IsState(this InsightFigure figure) => figure >= InsightFigure.CasesAtStart;

    public static short AgreementPart(bool byResidents, AgreementStatus status) => (short)((byResidents ? 0 : 3) + (int)status);

    public static short SharePart(SupportShare share, int percentage) => (short)((int)share * ShareValues + percentage);

    public static FigureKey Of(InsightFigure figure, LifeDomain domain, short part) => new(figure, (sbyte)domain, part);
}
