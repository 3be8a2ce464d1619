using System.Text.Json.Nodes;

namespace Participation.Host.Tests.Insights;

/// <summary>
/// An attacker of the published insights: knows every visible count of the four answers of one quarter (all programme
/// domains and each one) and how they relate (a tenant is the sum of its districts, a district of its neighbourhoods, all
/// domains of each, and a life domain's residents are counted by first level, by latest level and by change alike), and
/// works out whatever can be worked out by subtraction, again and again. Answers the suppressed counts it recovered.
/// </summary>
public static class Disclosure
{
    public static IReadOnlyList<string> Recovered(JsonNode all, IReadOnlyDictionary<string, JsonNode> byDomain)
    {
        var slices = new Dictionary<string, JsonNode> { [""] = all };
        foreach (var (domain, answer) in byDomain) slices[domain] = answer;
        var known = new Dictionary<string, long>();
        var hidden = new HashSet<string>();
        var equations = new List<(string Total, List<string> Parts)>();

        foreach (var (slice, answer) in slices)
        {
            var rows = answer["rows"]!.AsArray().Select(r => r!).ToList();
            foreach (var row in rows)
            foreach (var (field, value) in Counts(row))
            {
                var name = Name(slice, row, field);
                if (value is { } v) known[name] = v;
                else hidden.Add(name);
            }
            var fields = Counts(rows[0]).Select(c => c.Field).Where(f => f != "networks").ToList();
            var districts = rows.Where(r => (string)r["level"]! == "district").ToList();
            foreach (var field in fields)
            {
                equations.Add((Name(slice, rows[0], field), districts.Select(d => Name(slice, d, field)).ToList()));
                foreach (var district in districts)
                    equations.Add((Name(slice, district, field), rows.Where(r => (string)r["level"]! == "neighbourhood" && (string)r["district"]! == (string)district["district"]!)
                        .Select(h => Name(slice, h, field)).ToList()));
            }
            foreach (var row in rows)
            foreach (var domain in row["domains"]!.AsArray())
            {
                var prefix = $"domains.{domain!["domain"]}";
                var residents = Name(slice, row, prefix + ".residents");
                equations.Add((residents, Enumerable.Range(1, 5).Select(l => Name(slice, row, $"{prefix}.firstLevels.{l}")).ToList()));
                equations.Add((residents, Enumerable.Range(1, 5).Select(l => Name(slice, row, $"{prefix}.latestLevels.{l}")).ToList()));
                equations.Add((residents, new[] { "improved", "same", "worse" }.Select(c => Name(slice, row, $"{prefix}.{c}")).ToList()));
            }
        }
        foreach (var row in all["rows"]!.AsArray())
        foreach (var (field, _) in Counts(row!).Where(c => c.Field != "networks"))
            equations.Add((Name("", row!, field), byDomain.Keys.Select(d => Name(d, row!, field)).ToList()));

        var recovered = new List<string>();
        for (var progress = true; progress;)
        {
            progress = false;
            foreach (var (total, parts) in equations)
            {
                var unknown = parts.Prepend(total).Where(n => !known.ContainsKey(n)).ToList();
                if (unknown.Count != 1) continue;
                var value = unknown[0] == total ? parts.Sum(p => known[p]) : known[total] - parts.Where(p => p != unknown[0]).Sum(p => known[p]);
                known[unknown[0]] = value;
                if (hidden.Contains(unknown[0])) recovered.Add($"{unknown[0]} = {value}");
                progress = true;
            }
        }
        return recovered;
    }

    private static string Name(string slice, JsonNode row, string field) =>
        $"{slice}|{row["level"]}|{row["district"]}|{row["neighbourhood"]?["code"]}|{field}";

    /// <summary>Every count of a row by its name in <c>suppressed</c>.</summary>
    public static IEnumerable<(string Field, long? Value)> Counts(JsonNode row)
    {
        foreach (var field in new[] { "networks", "cases", "participants", "connections", "measured" }) yield return (field, (long?)row[field]);
        foreach (var carrier in new[] { "byResidents", "withProfessional" })
        foreach (var count in new[] { "made", "fulfilled", "broken" })
            yield return ($"agreements.{carrier}.{count}", (long?)row["agreements"]![carrier]![count]);
        foreach (var domain in row["domains"]!.AsArray())
        {
            var prefix = $"domains.{domain!["domain"]}";
            for (var level = 1; level <= 5; level++)
            {
                yield return ($"{prefix}.firstLevels.{level}", (long?)domain["firstLevels"]![level - 1]);
                yield return ($"{prefix}.latestLevels.{level}", (long?)domain["latestLevels"]![level - 1]);
            }
            foreach (var change in new[] { "improved", "same", "worse" }) yield return ($"{prefix}.{change}", (long?)domain[change]);
        }
    }
}
