namespace Participation.Domain.Insights;

/// <summary>
/// Decides which counts of a table may be published (statistical disclosure control as CBS and research offices practise
/// it). Primary suppression: a count below the minimum is hidden. Secondary suppression: wherever a total and its parts
/// are related (<see cref="Relate"/>), a hidden member is never alone, since it could then be worked out by subtracting
/// the visible ones; the smallest visible part is hidden beside it, the total only when no part is left. A total that is
/// not shown itself but follows from parts shown elsewhere (<see cref="RelateToKnownTotal"/>) counts as known.
/// </summary>
public sealed class SmallCells(int minimumCount)
{
    private readonly List<long> _values = [];
    private readonly List<Relation> _relations = [];

    public int MinimumCount { get; } = minimumCount;

    /// <summary>Adds a count to the table; the answer names it in <see cref="Relate"/> and <see cref="Hidden"/>.</summary>
    public int Add(long value)
    {
        _values.Add(value);
        return _values.Count - 1;
    }

    /// <summary><paramref name="total"/> is the sum of <paramref name="parts"/>, both shown.</summary>
    public void Relate(int total, int[] parts) => _relations.Add(new Relation(total, parts));

    /// <summary>The parts add up to a total that anyone can know (it is shown elsewhere, or follows from another relation).</summary>
    public void RelateToKnownTotal(int[] parts) => _relations.Add(new Relation(null, parts));

    /// <summary>The counts to hide: every small one, and beside them as few and as small others as keep each of them from being worked out.</summary>
    public IReadOnlySet<int> Hidden()
    {
        var hidden = new bool[_values.Count];
        for (var i = 0; i < hidden.Length; i++) hidden[i] = _values[i] < MinimumCount;
        var relationsOf = RelationsOfEachCell();
        var pending = new Queue<int>(Enumerable.Range(0, _relations.Count));
        var queued = Enumerable.Repeat(true, _relations.Count).ToArray();
        while (pending.TryDequeue(out var r))
        {
            queued[r] = false;
            var relation = _relations[r];
            var hiddenMembers = relation.Total is { } t && hidden[t] ? 1 : 0;
            foreach (var part in relation.Parts) if (hidden[part]) hiddenMembers++;
            if (hiddenMembers != 1 || Companion(relation, hidden) is not { } companion) continue;
            hidden[companion] = true;
            foreach (var other in relationsOf[companion])
                if (!queued[other])
                {
                    queued[other] = true;
                    pending.Enqueue(other);
                }
        }
        var answer = new HashSet<int>();
        for (var i = 0; i < hidden.Length; i++) if (hidden[i]) answer.Add(i);
        return answer;
    }

    private List<int>[] RelationsOfEachCell()
    {
        var relationsOf = new List<int>[_values.Count];
        for (var r = 0; r < _relations.Count; r++)
        {
            if (_relations[r].Total is { } total) (relationsOf[total] ??= []).Add(r);
            foreach (var part in _relations[r].Parts) (relationsOf[part] ??= []).Add(r);
        }
        for (var i = 0; i < relationsOf.Length; i++) relationsOf[i] ??= [];
        return relationsOf;
    }

    // The smallest visible part (the first of equals), else the total.
    private int? Companion(Relation relation, bool[] hidden)
    {
        int? smallest = null;
        foreach (var part in relation.Parts)
            if (!hidden[part] && (smallest is not { } s || _values[part] < _values[s])) smallest = part;
        if (smallest is not null) return smallest;
        return relation.Total is { } total && !hidden[total] ? total : null;
    }

    private sealed record Relation(int? Total, int[] Parts);
}
