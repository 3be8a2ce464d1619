namespace Participation.Domain.Insights;

/// <summary>
/// Decides which counts of a table may be published (statistical disclosure control as CBS and research offices practise
/// it). Primary suppression: a count below the minimum is hidden. Secondary suppression: wherever a total and its parts
/// are related (<see cref="Relate"/>), a hidden member is never alone, since it could then be worked out by subtracting
/// the visible ones; the smallest visible part is hidden beside it, the total only when no part is left. A total that is
/// not shown itself but follows from parts shown elsewhere (<see cref="RelateToKnownTotal"/>) counts as known.
/// </summary>
/// <remarks>
/// A quarter's table has tens of thousands of counts and relations; they are kept in flat arrays (each relation's members
/// side by side, its total first or <see cref="NoTotal"/>) so that building and solving it allocates a few arrays, not one per relation.
/// </remarks>
public sealed class SmallCells(int minimumCount)
{
    private const int NoTotal = -1;

    private readonly List<long> _values = [];
    private readonly List<int> _members = [];
    private readonly List<int> _starts = [];

    public int MinimumCount { get; } = minimumCount;

    /// <summary>Adds a count to the table; the answer names it in <see cref="Relate"/> and <see cref="Hidden"/>.</summary>
    public int Add(long value)
    {
        _values.Add(value);
        return _values.Count - 1;
    }

    /// <summary><paramref name="total"/> is the sum of <paramref name="parts"/>, both shown.</summary>
    public void Relate(int total, ReadOnlySpan<int> parts)
    {
        _starts.Add(_members.Count);
        _members.Add(total);
        _members.AddRange(parts);
    }

    /// <summary>The parts add up to a total that anyone can know (it is shown elsewhere, or follows from another relation).</summary>
    public void RelateToKnownTotal(ReadOnlySpan<int> parts) => Relate(NoTotal, parts);

    /// <summary>The counts to hide: every small one, and beside them as few and as small others as keep each of them from being worked out.</summary>
    public IReadOnlySet<int> Hidden()
    {
        var hidden = HiddenCells();
        var answer = new HashSet<int>();
        for (var i = 0; i < hidden.Length; i++) if (hidden[i]) answer.Add(i);
        return answer;
    }

    /// <summary>As <see cref="Hidden"/>, for each count in the order added: whether it is hidden.</summary>
    public bool[] HiddenCells()
    {
        var hidden = new bool[_values.Count];
        for (var i = 0; i < hidden.Length; i++) hidden[i] = _values[i] < MinimumCount;
        var relations = _starts.Count;
        var (cellStarts, relationsOfCells) = RelationsOfEachCell();
        var pending = new Queue<int>(relations);
        var queued = new bool[relations];
        for (var r = 0; r < relations; r++)
        {
            queued[r] = true;
            pending.Enqueue(r);
        }
        while (pending.TryDequeue(out var r))
        {
            queued[r] = false;
            var members = Members(r);
            var hiddenMembers = 0;
            foreach (var member in members) if (member != NoTotal && hidden[member]) hiddenMembers++;
            if (hiddenMembers != 1 || Companion(members, hidden) is not { } companion) continue;
            hidden[companion] = true;
            for (var i = cellStarts[companion]; i < cellStarts[companion + 1]; i++)
            {
                var other = relationsOfCells[i];
                if (queued[other]) continue;
                queued[other] = true;
                pending.Enqueue(other);
            }
        }
        return hidden;
    }

    private ReadOnlySpan<int> Members(int relation)
    {
        var end = relation + 1 < _starts.Count ? _starts[relation + 1] : _members.Count;
        return System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_members)[_starts[relation]..end];
    }

    // Per cell the relations it is a member of, as one array of relation numbers and each cell's start in it.
    private (int[] CellStarts, int[] Relations) RelationsOfEachCell()
    {
        var cellStarts = new int[_values.Count + 1];
        foreach (var member in _members) if (member != NoTotal) cellStarts[member + 1]++;
        for (var i = 0; i < _values.Count; i++) cellStarts[i + 1] += cellStarts[i];
        var relations = new int[cellStarts[^1]];
        var filled = cellStarts[..^1];
        for (var r = 0; r < _starts.Count; r++)
            foreach (var member in Members(r))
                if (member != NoTotal) relations[filled[member]++] = r;
        return (cellStarts, relations);
    }

    // The smallest visible part (the first of equals), else the total.
    private int? Companion(ReadOnlySpan<int> members, bool[] hidden)
    {
        int? smallest = null;
        foreach (var part in members[1..])
            if (!hidden[part] && (smallest is not { } s || _values[part] < _values[s])) smallest = part;
        if (smallest is not null) return smallest;
        var total = members[0];
        return total != NoTotal && !hidden[total] ? total : null;
    }
}
