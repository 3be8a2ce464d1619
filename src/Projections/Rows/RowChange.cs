using System.Linq.Expressions;

namespace Participation.Projections.Rows;

/// <summary>
/// Changes of one row: applied to the row itself when the same batch inserts it, otherwise merged into the row's
/// pending UPDATE. The same declaration serves a command and a rebuild.
/// </summary>
public sealed class RowChange<TRow> where TRow : class
{
    private readonly object? _inserted;
    private readonly RowUpdate? _update;

    internal RowChange(object? inserted, RowUpdate? update)
    {
        _inserted = inserted;
        _update = update;
    }

    public RowChange<TRow> Set<TValue>(Expression<Func<TRow, TValue>> member, TValue value)
    {
        var path = MemberPath.Of(member);
        if (_inserted is { } row) path.SetOn(row, value);
        else _update!.Set(path, value);
        return this;
    }

    public RowChange<TRow> Increment(Expression<Func<TRow, int>> member, int by = 1)
    {
        var path = MemberPath.Of(member);
        if (_inserted is { } row) path.SetOn(row, (int)path.GetFrom(row)! + by);
        else _update!.Increment(path, by);
        return this;
    }
}
