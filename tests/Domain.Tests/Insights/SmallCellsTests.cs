using Participation.Domain.Insights;
using Xunit;

namespace Participation.Domain.Tests.Insights;

public sealed class SmallCellsTests
{
    [Fact]
    public void A_count_below_the_minimum_is_hidden_and_so_is_the_smallest_sibling_that_would_give_it_away()
    {
        var cells = new SmallCells(5);
        var total = cells.Add(30);
        var (a, b, c) = (cells.Add(2), cells.Add(12), cells.Add(16));
        cells.Relate(total, [a, b, c]);

        Assert.Equal(new HashSet<int> { a, b }, cells.Hidden());
    }

    [Fact]
    public void A_total_is_hidden_only_when_no_part_is_left_to_hide()
    {
        var cells = new SmallCells(5);
        var (total, part) = (cells.Add(3), cells.Add(3));
        cells.Relate(total, [part]);
        var (district, only) = (cells.Add(9), cells.Add(9));
        var tenant = cells.Add(12);
        cells.Relate(tenant, [district, total]);
        cells.Relate(district, [only]);

        // total (3) is hidden; in the tenant's row district 9 is its only sibling, so it goes too, and with it its one part.
        Assert.Equal(new HashSet<int> { total, part, district, only }, cells.Hidden());
    }

    [Fact]
    public void Counts_whose_total_is_known_from_elsewhere_are_protected_as_if_it_were_shown()
    {
        var cells = new SmallCells(3);
        var first = Enumerable.Range(0, 5).Select(level => cells.Add(new long[] { 0, 4, 1, 6, 3 }[level])).ToList();
        cells.RelateToKnownTotal([.. first]);

        var hidden = cells.Hidden();
        Assert.Contains(first[0], hidden);
        Assert.Contains(first[2], hidden);
        Assert.Equal(2, hidden.Count);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void In_a_table_of_districts_neighbourhoods_and_domains_no_hidden_count_can_be_worked_out(int seed)
    {
        var random = new Random(seed);
        var cells = new SmallCells(5);
        var equations = new List<(int Total, int[] Parts)>();
        // cell[place, slice]: place 0 the tenant, then districts each followed by their neighbourhoods; slice 0 all domains.
        var districts = Enumerable.Range(0, random.Next(2, 5)).Select(_ => random.Next(1, 5)).ToArray();
        var hoods = districts.Select(n => Enumerable.Range(0, n).Select(_ => Enumerable.Range(0, 3).Select(_ => (long)random.Next(0, 12)).ToArray()).ToList()).ToList();
        long[] Sum(IEnumerable<long[]> rows) => Enumerable.Range(0, 3).Select(s => rows.Sum(r => r[s])).ToArray();
        int[] Add(long[] slices) => [cells.Add(slices.Sum()), .. slices.Select(cells.Add)];
        int[] Relate(int[] row)
        {
            equations.Add((row[0], row[1..]));
            cells.Relate(row[0], row[1..]);
            return row;
        }

        var districtRows = hoods.Select(h => Relate(Add(Sum(h)))).ToList();
        var tenantRow = Relate(Add(Sum(hoods.SelectMany(h => h))));
        for (var d = 0; d < districts.Length; d++)
        {
            var hoodRows = hoods[d].Select(h => Relate(Add(h))).ToList();
            for (var s = 0; s < 4; s++)
            {
                var parts = hoodRows.Select(r => r[s]).ToArray();
                equations.Add((districtRows[d][s], parts));
                cells.Relate(districtRows[d][s], parts);
            }
        }
        for (var s = 0; s < 4; s++)
        {
            var parts = districtRows.Select(r => r[s]).ToArray();
            equations.Add((tenantRow[s], parts));
            cells.Relate(tenantRow[s], parts);
        }

        var hidden = cells.Hidden();
        Assert.Empty(Recoverable(equations, hidden));
    }

    /// <summary>The hidden cells an attacker who knows the relations works out by subtracting, again and again.</summary>
    private static List<int> Recoverable(List<(int Total, int[] Parts)> equations, IReadOnlySet<int> hidden)
    {
        var unknown = hidden.ToHashSet();
        var recovered = new List<int>();
        for (var progress = true; progress;)
        {
            progress = false;
            foreach (var (total, parts) in equations)
            {
                var open = parts.Prepend(total).Where(unknown.Contains).ToList();
                if (open.Count != 1) continue;
                unknown.Remove(open[0]);
                recovered.Add(open[0]);
                progress = true;
            }
        }
        return recovered;
    }
}
