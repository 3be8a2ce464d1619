using Participation.Domain.Cases;
using Participation.Domain.Insights;
using static Participation.Host.Insights.InsightFields;

namespace Participation.Host.Insights;

/// <summary>
/// Turns the exact figures of every neighbourhood into the publishable table: sums them into districts and the tenant and
/// into all programme domains, hides the small counts and every count that would give one away (<see cref="SmallCells"/>,
/// over the whole table, so filters, domains and rows cannot be played off against each other), then answers the rows asked for.
/// </summary>
public sealed class InsightTable
{
    private static readonly CaseDomain?[] Slices = [null, .. Enum.GetValues<CaseDomain>()];
    private readonly List<Place> _places = [];
    private readonly int _minimumCount;
    private bool[] _hidden = [];
    private int[,,] _cell = new int[0, 0, 0];

    // Every place's row of a slice, made when a slice is first asked for (a table serves many reads, InsightTables).
    private readonly Lazy<InsightsRow[]>[] _rows;

    private InsightTable(int minimumCount)
    {
        _minimumCount = minimumCount;
        _rows = Slices.Select((_, s) => new Lazy<InsightsRow[]>(() => _places.Select(place => Row(place, place.Index, s)).ToArray())).ToArray();
    }

    private sealed record Place(InsightsLevel Level, string? District, NeighbourhoodName? Neighbourhood, ExactFigures[] Figures)
    {
        public int Index { get; set; }
        public long Networks { get; set; }
        public List<Place> Parts { get; } = [];
    }

    /// <summary>The table of the rows in force (each with its exact figures, made once per row read) and the active networks.</summary>
    public static InsightTable Of(IEnumerable<RowFigures> rows, IReadOnlyList<ActiveNetwork> networks, int minimumCount)
    {
        var table = new InsightTable(minimumCount);
        var tenant = table.Add(new Place(InsightsLevel.Tenant, null, null, NewSlices()));
        var districts = new SortedDictionary<string, Place>(StringComparer.Ordinal);
        var hoods = new Dictionary<(string, string), Place>();
        // Each network counted once in every neighbourhood and district it is present in, in one pass over the networks.
        var networksIn = networks.SelectMany(n => n.Neighbourhoods.Distinct()).CountBy(code => code).ToDictionary();
        var networksInDistrict = networks.SelectMany(n => n.Districts.Distinct()).CountBy(district => district).ToDictionary();
        foreach (var (row, exact) in rows)
        {
            if (!Enum.TryParse<CaseDomain>(row.Domain, out var domain)) continue;
            if (!districts.TryGetValue(row.District, out var district))
                districts[row.District] = district = new Place(InsightsLevel.District, row.District, null, NewSlices());
            if (!hoods.TryGetValue((row.District, row.Neighbourhood), out var hood))
            {
                hoods[(row.District, row.Neighbourhood)] = hood =
                    new Place(InsightsLevel.Neighbourhood, row.District, new NeighbourhoodName(row.Neighbourhood, row.Name), NewSlices());
                district.Parts.Add(hood);
            }
            hood.Figures[SliceOf(domain)].Add(exact);
            hood.Figures[0].Add(exact);
        }
        foreach (var district in districts.Values)
        {
            table.Add(district);
            tenant.Parts.Add(district);
            district.Parts.Sort((a, b) => (a.Neighbourhood!.Name, a.Neighbourhood.Code).CompareTo((b.Neighbourhood!.Name, b.Neighbourhood.Code)));
            foreach (var hood in district.Parts)
            {
                table.Add(hood);
                for (var s = 0; s < Slices.Length; s++) district.Figures[s].Add(hood.Figures[s]);
                hood.Networks = networksIn.GetValueOrDefault(hood.Neighbourhood!.Code);
            }
            for (var s = 0; s < Slices.Length; s++) tenant.Figures[s].Add(district.Figures[s]);
            district.Networks = networksInDistrict.GetValueOrDefault(district.District!);
        }
        tenant.Networks = networks.Count;
        table.Suppress();
        return table;
    }

    /// <summary>The rows of the slice asked for (a programme domain or all), those of one district or neighbourhood when filtered.</summary>
    public IReadOnlyList<InsightsRow> Rows(CaseDomain? domain, string? district, string? neighbourhood)
    {
        var rows = _rows[Array.IndexOf(Slices, domain)].Value;
        return _places
            .Where(place => place.Level == InsightsLevel.Tenant
                            || (district is null || place.District == district)
                            && (neighbourhood is null || (place.Level == InsightsLevel.District
                                ? place.Parts.Any(h => h.Neighbourhood!.Code == neighbourhood)
                                : place.Neighbourhood!.Code == neighbourhood)))
            .Select(place => rows[place.Index])
            .ToList();
    }

    private Place Add(Place place)
    {
        place.Index = _places.Count;
        _places.Add(place);
        return place;
    }

    private static ExactFigures[] NewSlices() => Slices.Select(_ => new ExactFigures()).ToArray();

    private static int SliceOf(CaseDomain domain) => Array.IndexOf(Slices, domain);

    private void Suppress()
    {
        var cells = new SmallCells(_minimumCount);
        _cell = new int[_places.Count, Slices.Length, Count];
        for (var p = 0; p < _places.Count; p++)
        for (var s = 0; s < Slices.Length; s++)
        for (var f = 0; f < Count; f++)
            _cell[p, s, f] = f == InsightFields.Networks && s > 0 ? _cell[p, 0, f] : cells.Add(f == InsightFields.Networks ? _places[p].Networks : _places[p].Figures[s].Counts[f]);

        var maxParts = _places.Max(place => place.Parts.Count);
        Span<int> members = stackalloc int[Math.Max(Math.Max(maxParts, Slices.Length), Levels)];
        for (var p = 0; p < _places.Count; p++)
        {
            var parts = _places[p].Parts;
            for (var f = InsightFields.Cases; f < Count; f++)
            {
                // Within a place: all programme domains are the sum of each.
                for (var s = 1; s < Slices.Length; s++) members[s - 1] = _cell[p, s, f];
                cells.Relate(_cell[p, 0, f], members[..(Slices.Length - 1)]);
                // Down the places: the tenant is the sum of its districts, a district of its neighbourhoods.
                if (parts.Count == 0) continue;
                for (var s = 0; s < Slices.Length; s++)
                {
                    for (var i = 0; i < parts.Count; i++) members[i] = _cell[parts[i].Index, s, f];
                    cells.Relate(_cell[p, s, f], members[..parts.Count]);
                }
            }
            // Within a row: a life domain's residents are counted three times over (first levels, latest levels, the change),
            // so any one of them complete tells the total of the others.
            for (var s = 0; s < Slices.Length; s++)
            for (var d = 0; d < LifeDomains.Length; d++)
            {
                for (var l = 1; l <= Levels; l++) members[l - 1] = _cell[p, s, FirstLevel(d, l)];
                cells.RelateToKnownTotal(members[..Levels]);
                for (var l = 1; l <= Levels; l++) members[l - 1] = _cell[p, s, LatestLevel(d, l)];
                cells.RelateToKnownTotal(members[..Levels]);
                for (var c = 0; c < Changes.Length; c++) members[c] = _cell[p, s, Change(d, c)];
                cells.RelateToKnownTotal(members[..Changes.Length]);
            }
        }
        _hidden = cells.HiddenCells();
    }

    private InsightsRow Row(Place place, int p, int s)
    {
        var suppressed = new List<string>();
        var exact = place.Figures[s];
        long? Shown(int field)
        {
            if (!_hidden[_cell[p, s, field]]) return field == InsightFields.Networks ? place.Networks : exact.Counts[field];
            suppressed.Add(Names[field]);
            return null;
        }
        SupportMedians Medians(int domain, bool first)
        {
            double? Median(int share)
            {
                var (median, residents) = exact.Median(domain, first, share);
                if (residents >= _minimumCount) return median;
                suppressed.Add(InsightFields.Median(domain, first, share));
                return null;
            }
            return new SupportMedians(Median(0), Median(1), Median(2));
        }

        var networks = Shown(InsightFields.Networks);
        var (cases, participants, connections) = (Shown(InsightFields.Cases), Shown(Participants), Shown(Connections));
        AgreementsMade Agreements(int carrier) => new(Shown(Agreement(carrier, 0)), Shown(Agreement(carrier, 1)), Shown(Agreement(carrier, 2)));
        var agreements = new AgreementFigures(Agreements(0), Agreements(1));
        var measured = Shown(Measured);
        var domains = LifeDomains.Select((domain, d) => new LifeDomainFigures(domain,
            Enumerable.Range(1, Levels).Select(l => Shown(FirstLevel(d, l))).ToList(),
            Enumerable.Range(1, Levels).Select(l => Shown(LatestLevel(d, l))).ToList(),
            Shown(Change(d, 0)), Shown(Change(d, 1)), Shown(Change(d, 2)), Medians(d, true), Medians(d, false))).ToList();
        return new InsightsRow(place.Level, place.District, place.Neighbourhood, networks, cases, participants, connections, agreements, measured,
            domains, suppressed);
    }
}

/// <summary>A figure row in force and its exact figures.</summary>
public sealed record RowFigures(InsightRow Row, ExactFigures Exact)
{
    public static RowFigures Of(InsightRow row) => new(row, ExactFigures.Of(row));
}
