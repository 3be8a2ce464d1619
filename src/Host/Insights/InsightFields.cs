using Participation.Domain.Cases;
using Participation.Host.Http;

namespace Participation.Host.Insights;

/// <summary>
/// The counts a row of <c>/api/insights</c> publishes, by their names in the answer (the names <c>suppressed</c> lists and
/// the CSV's columns), each at a fixed place of a row's vector of exact counts.
/// </summary>
public static class InsightFields
{
    public const int Networks = 0, Cases = 1, Participants = 2, Connections = 3, Agreements = 4, Measured = 10, Domains = 11;
    public const int PerAgreementCarrier = 3, PerDomain = 13, Levels = 5;

    public static readonly LifeDomain[] LifeDomains = Enum.GetValues<LifeDomain>();
    public static readonly string[] Carriers = ["byResidents", "withProfessional"];
    public static readonly string[] AgreementCounts = ["made", "fulfilled", "broken"];
    public static readonly string[] Changes = ["improved", "same", "worse"];
    public static readonly string[] Shares = ["own", "network", "professional"];

    public static int Count => Domains + LifeDomains.Length * PerDomain;

    public static int Agreement(int carrier, int count) => Agreements + carrier * PerAgreementCarrier + count;

    public static int FirstLevel(int domain, int level) => Domains + domain * PerDomain + level - 1;

    public static int LatestLevel(int domain, int level) => Domains + domain * PerDomain + Levels + level - 1;

    public static int Change(int domain, int change) => Domains + domain * PerDomain + 2 * Levels + change;

    /// <summary>Every field's name, in vector order.</summary>
    public static readonly string[] Names = BuildNames();

    /// <summary>The name of a median (<c>domains.finances.firstSupport.own</c>).</summary>
    public static string Median(int domain, bool first, int share) =>
        $"domains.{ApiEnum.Name(LifeDomains[domain])}.{(first ? "firstSupport" : "latestSupport")}.{Shares[share]}";

    private static string[] BuildNames()
    {
        var names = new string[Count];
        (names[Networks], names[Cases], names[Participants], names[Connections], names[Measured]) =
            ("networks", "cases", "participants", "connections", "measured");
        for (var carrier = 0; carrier < Carriers.Length; carrier++)
        for (var count = 0; count < AgreementCounts.Length; count++)
            names[Agreement(carrier, count)] = $"agreements.{Carriers[carrier]}.{AgreementCounts[count]}";
        for (var d = 0; d < LifeDomains.Length; d++)
        {
            var prefix = $"domains.{ApiEnum.Name(LifeDomains[d])}";
            for (var level = 1; level <= Levels; level++)
            {
                names[FirstLevel(d, level)] = $"{prefix}.firstLevels.{level}";
                names[LatestLevel(d, level)] = $"{prefix}.latestLevels.{level}";
            }
            for (var change = 0; change < Changes.Length; change++) names[Change(d, change)] = $"{prefix}.{Changes[change]}";
        }
        return names;
    }
}
