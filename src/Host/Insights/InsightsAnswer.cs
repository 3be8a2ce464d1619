using Participation.Domain.Cases;

namespace Participation.Host.Insights;

/// <summary>"Eigen Kracht in Beeld" for one quarter: the tenant's row, then each district followed by its neighbourhoods.</summary>
public sealed record InsightsAnswer(string Period, DateOnly From, DateOnly To, CaseDomain? Domain, int MinimumCount, IReadOnlyList<InsightsRow> Rows);

/// <summary>
/// The figures of one neighbourhood, district or the whole tenant. A count below the minimum, or one that would give such a
/// count away, is null and named in <see cref="Suppressed"/>; so is a median of fewer residents than the minimum.
/// </summary>
public sealed record InsightsRow(
    InsightsLevel Level, string? District, NeighbourhoodName? Neighbourhood,
    long? Networks, long? Cases, long? Participants, long? Connections, AgreementFigures Agreements, long? Measured,
    IReadOnlyList<LifeDomainFigures> Domains, IReadOnlyList<string> Suppressed);

public enum InsightsLevel { Tenant, District, Neighbourhood }

public sealed record NeighbourhoodName(string Code, string Name);

/// <summary>Agreements made in the period, by who carries them: every party resident-side, or with a professional (or organisation).</summary>
public sealed record AgreementFigures(AgreementsMade ByResidents, AgreementsMade WithProfessional);

/// <summary>Made in the period, and of those how many have been fulfilled or broken so far.</summary>
public sealed record AgreementsMade(long? Made, long? Fulfilled, long? Broken);

/// <summary>
/// One ZRM life domain: residents rated in it at least twice by the period's end, by level at their first and latest rating
/// (index 0 is level 1), how the latest compares with the first, and the median shares of support at each.
/// </summary>
public sealed record LifeDomainFigures(
    LifeDomain Domain, IReadOnlyList<long?> FirstLevels, IReadOnlyList<long?> LatestLevels, long? Improved, long? Same, long? Worse,
    SupportMedians FirstSupport, SupportMedians LatestSupport);

/// <summary>Median percentages of the support given by the resident's own strength, their network and professionals.</summary>
public sealed record SupportMedians(double? Own, double? Network, double? Professional);
