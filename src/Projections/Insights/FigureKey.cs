using System.Globalization;
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
/// It is written as three integers ("7.3.2"), so nothing a user typed is ever part of it and it reads back unchanged.
/// </summary>
public readonly record struct FigureKey(InsightFigure Figure, sbyte LifeDomain = -1, short Part = 0)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{(int)Figure}.{LifeDomain}.{Part}");

    public static FigureKey Parse(string text)
    {
        var parts = text.Split('.');
        if (parts.Length != 3) throw new FormatException($"Not a figure key: '{text}'.");
        return new FigureKey((InsightFigure)byte.Parse(parts[0], CultureInfo.InvariantCulture),
            sbyte.Parse(parts[1], CultureInfo.InvariantCulture), short.Parse(parts[2], CultureInfo.InvariantCulture));
    }
}

public static class FigureKeys
{
    public const int ShareValues = 101;

    public static bool IsState(this InsightFigure figure) => figure >= InsightFigure.CasesAtStart;

    public static short AgreementPart(bool byResidents, AgreementStatus status) => (short)((byResidents ? 0 : 3) + (int)status);

    public static short SharePart(SupportShare share, int percentage) => (short)((int)share * ShareValues + percentage);

    public static FigureKey Of(InsightFigure figure, LifeDomain domain, short part) => new(figure, (sbyte)domain, part);
}
